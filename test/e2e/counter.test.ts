/**
 * The counter page in real headless Chromium, against a real gateway on the demo data: a ward
 * officer finds the demo citizen's reusable results for a household-business registration (with
 * their files), gets a clear "nothing reusable" for a procedure with none, and sees the gateway's
 * error code, in words, for a malformed case reference. Keyboard only, at 1366×768.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import { pageSession, screenshot } from '../support/browser.js';
import type { Caller } from '../support/identity.js';

const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };
const PRIOR = 'query($id: String!, $p: String!) { priorResults(personalId: $id, procedureCode: $p, caseRef: "HS-2026-000123") { id documents { sha256 } } }';

describe('the counter page', () => {
  const session = pageSession('counter', COUNTER);

  async function lookUp(procedure: string, caseRef = 'HS-2026-000123') {
    const { page } = session.tab;
    await page.locator('#personal-id').fill(DEMO_CITIZEN);
    await page.locator('#procedure').selectOption(procedure);
    await page.locator('#case-ref').fill(caseRef);
    await page.locator('#case-ref').press('Enter');
    await page.locator('[data-testid=answer-heading], .answer .error').first().waitFor();
  }

  it('finds the demo citizen’s reusable results, with status, validity, issuing unit and files', async () => {
    const expected = await session.gw.query<{ priorResults: Array<{ id: string; documents: Array<{ sha256: string }> }> }>(PRIOR, { id: DEMO_CITIZEN, p: 'KD-D-01' }, COUNTER);
    const results = expected.body.data!.priorResults;
    expect(results.length).toBeGreaterThan(0);

    const { page } = session.tab;
    await page.goto(`${session.gw.url}/counter`);
    // The procedure list comes from the catalogue, as the counter's token may read it.
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(10);
    // Keyboard flow: the personal ID has focus; Tab reaches the procedure, then the case reference.
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('personal-id');
    await page.keyboard.type(DEMO_CITIZEN);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('procedure');
    await page.locator('#procedure').selectOption('KD-D-01');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('case-ref');
    await page.keyboard.type('HS-2026-000123');
    await page.keyboard.press('Enter');

    const cards = page.locator('[data-testid=reusable-result]');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(results.length);
    const heading = await page.locator('[data-testid=answer-heading]').textContent();
    expect(heading).toContain(`${results.length} kết quả còn hiệu lực`);
    const first = cards.first();
    expect(await first.textContent()).toContain('Còn hiệu lực');
    expect(await first.locator('.facts').textContent()).toMatch(/Đơn vị cấp \(khi cấp\).*Phường/);
    // Every scanned file with its name, pages and full SHA-256, as the gateway returned them.
    const shas = await page.locator('td.sha').allTextContents();
    expect(shas.sort()).toEqual(results.flatMap((r) => r.documents.map((d) => d.sha256)).sort());
    expect(shas.every((sha) => /^[0-9a-f]{64}$/.test(sha))).toBe(true);
    // The answer's heading takes focus, so the next Tab goes through the results.
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('answer-heading');
    await screenshot(page, 'counter');
    expect(session.tab.outside).toEqual([]);
  });

  it('says clearly that nothing is reusable for a procedure with none', async () => {
    // Funeral-cost support reuses only a death registration; the demo citizen is alive.
    const expected = await session.gw.query<{ priorResults: unknown[] }>(PRIOR, { id: DEMO_CITIZEN, p: 'BT-D-01' }, COUNTER);
    expect(expected.body.data!.priorResults).toEqual([]);
    await lookUp('BT-D-01');
    await session.tab.page.locator('[data-testid=nothing-reusable]').waitFor();
    expect(await session.tab.page.locator('[data-testid=reusable-result]').count()).toBe(0);
    expect(await session.tab.page.locator('[data-testid=answer-heading]').textContent()).toBe('Không có kết quả nào còn hiệu lực mà thủ tục này có thể dùng lại.');
  });

  it('shows the gateway’s refusal in words with its code, and checks the personal ID before asking', async () => {
    await lookUp('KD-D-01', 'not a case ref!!');
    const error = session.tab.page.locator('.answer .error');
    expect(await error.textContent()).toContain('BAD_USER_INPUT');
    expect(await error.textContent()).toContain('Dữ liệu nhập chưa đúng');
    expect(await error.textContent()).not.toMatch(/at \w+ \(/); // no stack

    await session.tab.page.locator('#personal-id').fill('12345');
    await session.tab.page.locator('#personal-id').press('Enter');
    expect(await session.tab.page.locator('.lookup .error').textContent()).toBe('Số định danh phải gồm đúng 12 chữ số.');
  });

  it('switches to English and keeps the officer’s input', async () => {
    await session.tab.page.getByRole('button', { name: 'English' }).click();
    expect(await session.tab.page.locator('h1').textContent()).toBe('Digitized results at the one-stop counter');
    expect(await session.tab.page.locator('label[for=personal-id]').textContent()).toBe('Personal ID');
    expect(await session.tab.page.locator('html').getAttribute('lang')).toBe('en');
    await session.tab.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(session.tab.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
