/**
 * The citizen's page in real headless Chromium: a ward counter looks the demo citizen up (through
 * the API, as the counter page would), and the citizen, signed in with their token, sees that
 * access listed: the agency, the purpose in words, the kinds of data, never the officer.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import { openPage, pageSession, screenshot } from '../support/browser.js';
import { type Caller, tokenFor } from '../support/identity.js';

const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };
const LAND: Caller = { agency: 'VPDK.HN', role: 'partner', purpose: 'LAND_REGISTRATION' };
const CITIZEN: Caller = { agency: 'VNEID', role: 'citizen', sub: DEMO_CITIZEN, purpose: 'SELF_SERVICE' };

describe('the citizen page', () => {
  // The demo's drop-down offers the citizen's token, as `npm start` does.
  const session = pageSession('citizen', CITIZEN, async () => ({ demoTokens: [{ agency: 'VNEID', role: 'citizen', unit: null, purpose: 'SELF_SERVICE', token: await tokenFor(CITIZEN) }] }));

  it('lists the access a counter made a moment ago, newest first, with agency, purpose and kinds of data', async () => {
    const land = await session.gw.query('query($id: String!) { citizen(personalId: $id) { fullName landCertificates { certificateNumber } } }', { id: DEMO_CITIZEN }, LAND);
    expect(land.status).toBe(200);
    const counter = await session.gw.query('query($id: String!) { priorResults(personalId: $id, procedureCode: "KD-D-01", caseRef: "HS-2026-000777") { id documents { sha256 } } }', { id: DEMO_CITIZEN }, COUNTER);
    expect((counter.body.data?.priorResults as unknown[]).length).toBeGreaterThan(0);

    const { page } = session.tab;
    await page.goto(`${session.gw.url}/citizen`);
    const rows = page.locator('[data-testid=access-entry]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const newest = (await rows.first().textContent()) ?? '';
    expect(newest).toContain('Ủy ban nhân dân phường Bạch Mai');
    expect(newest).toContain('Tiếp nhận hồ sơ thủ tục hành chính tại bộ phận một cửa');
    expect(newest).toContain('Tệp kết quả đã số hóa');
    expect(newest).not.toContain('officer@'); // the agency, never the officer
    expect((await rows.nth(1).textContent()) ?? '').toContain('VPDK.HN');
    await screenshot(page, 'citizen');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Who accessed my data');
    expect(await rows.first().textContent()).toContain('Scanned result files');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(session.tab.outside).toEqual([]);
    expect(session.tab.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('asks for a token before anything, shows a refused token’s code in words, and offers the demo’s token', async () => {
    const fresh = await openPage(session.browser, session.gw.url);
    await fresh.page.goto(`${session.gw.url}/citizen`);
    expect(await fresh.page.locator('main').textContent()).toContain('Hãy dán token ở trên để bắt đầu.');
    await fresh.page.getByLabel('Token truy cập').fill('not-a-token');
    const error = fresh.page.locator('.error');
    await error.waitFor();
    expect(await error.textContent()).toContain('UNAUTHENTICATED');
    // `npm start` offers its demo tokens for the page's role (here the test's, at /demo/tokens).
    await fresh.page.getByLabel('Token demo').selectOption({ label: 'VNEID · citizen' });
    await fresh.page.locator('[data-testid=access-entry]').first().waitFor();
    expect(await fresh.page.evaluate("sessionStorage.getItem('lienthong:citizen:token')")).toMatch(/^eyJ/);
    expect(await fresh.page.evaluate("localStorage.getItem('lienthong:citizen:token')")).toBeNull();
    await fresh.context.close();
  });
});
