/**
 * Liveness and readiness. Neither touches personal data: readiness runs `SELECT 1` on each
 * source with a short deadline and reports only up/down per source.
 */
import { SOURCE_NAMES, type SourceName } from '../config/index.js';
import type { Storage } from '../db/index.js';

export interface Readiness {
  ready: boolean;
  sources: Record<SourceName, 'up' | 'down'>;
}

export async function checkReadiness(storage: Storage, timeoutMs = 2_000): Promise<Readiness> {
  const checks = await Promise.all(
    SOURCE_NAMES.map(async (source) => {
      try {
        await withTimeout(storage.sources[source].query('SELECT 1 AS up'), timeoutMs);
        return [source, 'up'] as const;
      } catch {
        return [source, 'down'] as const;
      }
    }),
  );
  const sources = Object.fromEntries(checks) as Readiness['sources'];
  return { ready: checks.every(([, state]) => state === 'up'), sources };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
