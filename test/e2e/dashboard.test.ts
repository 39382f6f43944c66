/**
 * The analyst's dashboard in real headless Chromium on the demo data: the digitization totals of
 * the README (2022, today's units), both charts drawn on their canvases, every suppressed cell of
 * the domain × year table marked as such, and the CSV downloaded with the analyst's token.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageSession, screenshot } from '../support/browser.js';
import type { Caller } from '../support/identity.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const CELLS = 'query($unit: String!) { aggregate(dataset: RESULTS, measures: [COUNT, PAGES], groupBy: [DOMAIN, YEAR], filter: [{ dimension: YEAR, min: "2015" }, { dimension: TODAYS_UNIT, in: [$unit] }]) { cells { key count status } } }';

/** How many pixels of a canvas are not transparent: a drawn chart has many. */
function paintedPixels(testId: string): string {
  return `(() => { const c = document.querySelector('[data-testid=${testId}]'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()`;
}

describe('the analyst dashboard', () => {
  const session = pageSession('dashboard', ANALYST);

  it('renders the progress and results charts with the demo numbers', async () => {
    const { page } = session.tab;
    await page.goto(`${session.gw.url}/dashboard`);
    await page.locator('[data-testid=progress-table]').waitFor();
    // The README's figures for 2022 by today's units (vi-VN: "." groups thousands, "," decimals).
    const district = await page.locator('[data-testid=total-DISTRICT]').textContent();
    expect(district).toContain('33,89%');
    expect(district).toContain('6.341 / 18.710');
    expect(district).toContain('Đạt');
    const ward = await page.locator('[data-testid=total-WARD]').textContent();
    expect(ward).toContain('28,59%');
    expect(ward).toContain('2.162 / 7.562');
    // 9 rows in the README are unit × level; the table has one line per unit.
    const units = await page.locator('[data-testid=progress-table] tbody tr').allTextContents();
    expect(units.some((row) => row.includes('Phường Cửa Nam') && row.includes('28,45%') && row.includes('Chưa đạt'))).toBe(true);
    // Both charts are drawn (Chart.js, bundled: no request left the gateway).
    expect(await page.evaluate(paintedPixels('progress-chart'))).toBeGreaterThan(5_000);
    expect(await page.evaluate(paintedPixels('results-chart'))).toBeGreaterThan(5_000);
    expect(session.tab.outside).toEqual([]);
  });

  it('marks every suppressed cell as suppressed, never as a number or a blank', async () => {
    // The smallest of today's wards has small cells by domain and year.
    const { page } = session.tab;
    await page.locator('#unit').selectOption({ label: 'Phường Cửa Nam' });
    const unit = await page.locator('#unit').inputValue();
    const answer = await session.gw.query<{ aggregate: { cells: Array<{ key: string[]; count: number | null; status: string }> } }>(CELLS, { unit }, ANALYST);
    const cells = answer.body.data!.aggregate.cells;
    const suppressed = cells.filter((c) => c.status !== 'SHOWN');
    expect(suppressed.length).toBeGreaterThan(0);
    // Enter submits from a text field, not from a select (HTML's implicit submission): the button.
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => page.locator('[data-testid=results-table] td.suppressed').count()).toBeGreaterThan(0);
    const marked = session.tab.page.locator('[data-testid=results-table] td.suppressed');
    expect(await marked.count()).toBe(suppressed.length);
    for (const text of await session.tab.page.locator('[data-testid=results-table] td.suppressed[data-status=PRIMARY]').allTextContents()) expect(text).toBe('< 10');
    expect(await session.tab.page.locator('[data-testid=suppression-note]').textContent()).toContain(`${suppressed.length} ô bị ẩn`);
    // The shown cells are the gateway's numbers.
    const shown = cells.filter((c) => c.status === 'SHOWN').reduce((sum, c) => sum + (c.count ?? 0), 0);
    const onPage = (await session.tab.page.locator('[data-testid=results-table] tbody tr:not(.total-row) td.num:not(.suppressed)').allTextContents()).reduce((sum, text) => sum + Number(text.replace(/\./g, '')), 0);
    expect(onPage).toBe(shown);
    await screenshot(page, 'dashboard');
  });

  it('downloads the same table as CSV with the analyst’s token', async () => {
    const [download] = await Promise.all([session.tab.page.waitForEvent('download'), session.tab.page.locator('[data-testid=csv-download]').click()]);
    expect(download.suggestedFilename()).toBe('results-domain-year.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // the byte-order mark spreadsheets need for Vietnamese
    expect(text).toContain('DOMAIN');
    // The same protected table: a header, one row per non-empty cell (suppressed ones too), the total.
    const cells = await session.tab.page.locator('[data-testid=results-table] tbody tr:not(.total-row) td:not(.muted)').count();
    expect(text.trim().split('\r\n')).toHaveLength(1 + cells + 1);
    expect(session.tab.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
