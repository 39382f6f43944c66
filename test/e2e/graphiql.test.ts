/**
 * GraphiQL in real headless Chromium: it loads from the gateway alone (every request the page
 * makes is recorded, and one to any other host fails the test), introspects with the token and
 * purpose from the bar, shows the schema as the token's role sees it, re-reads it when the token
 * changes, and runs a query.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageSession, screenshot } from '../support/browser.js';
import { type Caller, tokenFor } from '../support/identity.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };

interface Introspection {
  data: { __schema: { queryType: { name: string }; types: Array<{ name: string; fields: Array<{ name: string }> | null }> } };
}

const isIntrospection = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/graphql' && (request.postData() ?? '').includes('__schema');

function rootFields(answer: Introspection): string[] {
  return answer.data.__schema.types.find((t) => t.name === 'Query')?.fields?.map((f) => f.name) ?? [];
}

describe('GraphiQL', () => {
  const session = pageSession('graphiql', ANALYST);

  it('loads from the gateway alone and introspects the schema as the token’s role sees it', async () => {
    const { page } = session.tab;
    const introspection = page.waitForRequest(isIntrospection);
    await page.goto(`${session.gw.url}/graphiql`);
    const request = await introspection;
    expect((await request.allHeaders()).authorization).toMatch(/^Bearer ey/);
    const answer = (await (await request.response())!.json()) as Introspection;
    const fields = rootFields(answer);
    expect(fields).toContain('aggregate');
    expect(fields).toContain('digitizationProgress');
    expect(fields).not.toContain('citizen'); // analysts read no personal field, and do not see one
    await page.locator('.graphiql-container').waitFor();

    // Run a query from the editor, with the keyboard.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('query Progress { digitizationProgress(year: 2022, units: TODAYS_UNIT) { totals { level results digitized rate target onTrack');
    await page.keyboard.press('Escape'); // the completion list
    await page.keyboard.press('Shift+Control+P'); // prettify: one field a line
    const run = page.waitForResponse((response) => response.url().endsWith('/graphql') && !(response.request().postData() ?? '').includes('__schema'));
    await page.keyboard.press('Control+Enter');
    const result = (await (await run).json()) as { data: { digitizationProgress: { totals: Array<{ digitized: number }> } } };
    expect(result.data.digitizationProgress.totals.map((t) => t.digitized)).toEqual([6341, 2162]);
    await expect.poll(async () => (await page.locator('.result-window').textContent()) ?? '').toContain('33.89');
    // The documentation explorer lists the root fields this role may use.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('digitizationProgress').first().waitFor();
    await page.locator('.graphiql-doc-explorer').click({ position: { x: 5, y: 5 } });
    await screenshot(page, 'graphiql');

    // Nothing but the gateway, and nothing blocked.
    const origin = new URL(session.gw.url).origin;
    expect(session.tab.requests.length).toBeGreaterThan(3);
    expect(session.tab.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(session.tab.outside).toEqual([]);
    expect(session.tab.errors).toEqual([]);
  });

  it('re-reads the schema when the token changes', async () => {
    const { page } = session.tab;
    const introspection = page.waitForRequest(isIntrospection);
    await page.getByLabel('Token truy cập').fill(await tokenFor(COUNTER));
    const request = await introspection;
    const fields = rootFields((await (await request.response())!.json()) as Introspection);
    expect(fields).toContain('priorResults');
    expect(fields).not.toContain('aggregate');
    expect(session.tab.outside).toEqual([]);
  });
});
