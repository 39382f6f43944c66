/**
 * A Chart.js chart on a canvas, drawn in the browser from the bundled library (no CDN). Only the
 * pieces used are registered, which keeps the bundle small. No animation: the chart is complete
 * as soon as it is drawn (screenshots, tests, and officers who print).
 */
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

export function ChartCanvas({ config, label, testId }: { config: ChartConfiguration<'bar' | 'line'>; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
