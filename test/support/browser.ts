/**
 * Real headless Chromium for the browser tests: Debian's `chromium` package driven by
 * playwright-core (no downloaded browser). Missing Chromium fails the tests with what to install;
 * it never skips them. Playwright gives each launch a fresh temporary profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type TestGateway, type TestGatewayOptions, startTestGateway } from './gateway.js';
import { type Caller, tokenFor } from './identity.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/**
 * Flags that keep Chromium off the network by itself: without the background-networking ones it
 * asks Google hosts (component updates, sync, safe browsing) and fails on a closed machine.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`The browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium); .ci/run does it when it is missing`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface PageUnderTest {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, in order (the gateway's and anything else). */
  requests: string[];
  /** Requests to anywhere but the gateway: aborted, and recorded here. */
  outside: string[];
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
}

/** A fresh context at a counter PC's 1366×768, where nothing may leave for another host. */
export async function openPage(browser: Browser, gatewayUrl: string, locale = 'vi-VN'): Promise<PageUnderTest> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const requests: string[] = [];
  const outside: string[] = [];
  const errors: string[] = [];
  const origin = new URL(gatewayUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, requests, outside, errors };
}

/** Puts the token (and purpose) in the page's session storage before its scripts run. */
export async function signIn(context: BrowserContext, page: 'counter' | 'dashboard' | 'citizen' | 'graphiql', token: string, purpose = ''): Promise<void> {
  // A script's text, since it runs in the page (this file is type-checked without the DOM).
  const set = (key: string, value: string) => `sessionStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`;
  await context.addInitScript({ content: set(`lienthong:${page}:token`, token) + (purpose ? set(`lienthong:${page}:purpose`, purpose) : '') });
}

/** Keeps the latest screenshot of a page for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

type GatewayPageOptions = Omit<TestGatewayOptions, 'pages'>;

export interface PageSession {
  /** A demo gateway serving the pages (PGlite). */
  gw: TestGateway;
  browser: Browser;
  /** A tab signed in to the page, at 1366×768, that nothing may leave the gateway from. */
  tab: PageUnderTest;
}

/**
 * What every browser test file starts with: a gateway serving the pages, Chromium, and a tab
 * whose session storage holds the caller's token (and purpose) for `page`; all closed after the
 * file's tests. Call it inside `describe`; the fields are set once `beforeAll` has run.
 */
export function pageSession(
  page: 'counter' | 'dashboard' | 'citizen' | 'graphiql',
  caller: Caller,
  gateway: GatewayPageOptions | (() => Promise<GatewayPageOptions>) = {},
): PageSession {
  const session = {} as PageSession;
  beforeAll(async () => {
    const options = typeof gateway === 'function' ? await gateway() : gateway;
    [session.gw, session.browser] = await Promise.all([startTestGateway('pglite', { ...options, pages: true }), launchChromium()]);
    session.tab = await openPage(session.browser, session.gw.url);
    await signIn(session.tab.context, page, await tokenFor(caller), caller.purpose ?? '');
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.gw?.close();
  });
  return session;
}
