/**
 * Chromium at a phone's size, driven by playwright-core against the system browser
 * (a test tool's own browser download does not work offline), plus the few steps every
 * browser test shares: signing in as a demo user, tapping what is on screen, screenshots.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { serverUrl } from './server';

const root = path.resolve(__dirname, '..', '..');
export const SCREENS_DIR = path.join(root, 'test-results', 'screens');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page since launch: a healthy app has none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh browser profile at 390×844 with touch, as on a mid-size phone. */
export async function launchPhone(): Promise<Phone> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Taro's H5 router keeps the pages under the current one in the DOM (hidden), so
 * every lookup is limited to what is actually on screen.
 */
export function onScreen(page: Page, selector: string, text?: string | RegExp): Locator {
  const found = page.locator(selector).filter({ visible: true });
  return text === undefined ? found : found.filter({ hasText: text });
}

/** A whole-word text match, for chips like '邻里' that must not match a longer label. */
export const exactly = (text: string): RegExp => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Taps the single visible element matching `selector` (and `text`). */
export async function tap(page: Page, selector: string, text?: string | RegExp): Promise<void> {
  await onScreen(page, selector, text).first().tap();
}

/** Waits until the hash route is `pagePath` (e.g. '/pages/my-ledger/index'). */
export async function onPage(page: Page, pagePath: string): Promise<void> {
  await page.waitForURL((u) => u.hash.startsWith(`#${pagePath}`));
}

/** Opens a page of the app with a full load, as typing its address would. */
export async function open(page: Page, pagePath = '/pages/index/index'): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${serverUrl()}/#${pagePath}`);
}

/**
 * Signs in as the demo user whose visible name contains `nameText` ('李调解',
 * '陈科长', '赵所长', …) and waits for the home page to greet them. A fresh browser
 * is sent from the app's address to the sign-in page; a signed-in one goes there itself.
 */
export async function signInAs(page: Page, nameText: string): Promise<void> {
  await page.goto(serverUrl());
  const signedIn = await page.evaluate(() => Object.keys(localStorage).some((k) => k.includes('fazhi.demoUser')));
  if (signedIn) await open(page, '/pages/sign-in/index');
  await onPage(page, '/pages/sign-in/index');
  await tap(page, '.tile .tile__title', nameText);
  await onPage(page, '/pages/index/index');
  await onScreen(page, '.who__name', nameText).waitFor();
}

/**
 * The height of the page on screen. Taro's H5 pages scroll inside their own
 * `.taro_page` box, not the document, so Playwright's `fullPage` alone sees one screen.
 * (A string, not a function: the test runners' transpilers may add helpers to functions.)
 */
const CONTENT_HEIGHT = `Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll('.taro_page'))
  .filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.scrollHeight))`;

/** A full-page PNG at test-results/screens/<name>.png: the whole page, not just the first screen. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  const height = Number(await page.evaluate(CONTENT_HEIGHT));
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 10_000) });
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
  return file;
}
