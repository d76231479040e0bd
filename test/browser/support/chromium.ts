import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Download, type Locator, type Page } from 'playwright-core';
import { testServices } from '../../support/test-services.js';

export const CHROMIUM = '/usr/bin/chromium-headless-shell';
const SCREENSHOTS = resolve('test-output', 'screenshots');
const DOC_SCREENSHOTS = resolve('docs', 'screenshots');
const AXE_SOURCE = resolve('node_modules', 'axe-core', 'axe.min.js');
const SERVER_SCRIPT = resolve('test', 'browser', 'support', 'chromium-server.mjs');

/**
 * Debian's Chromium in its headless-shell build (the same Blink and V8 without the desktop browser
 * around them: half the CPU of full Chromium's headless mode for the same suites, measured in
 * docs/testing.md): a connection to the run's one browser (chromium-server.mjs), which
 * the first browser suite of a Jest run starts and the global teardown stops. A launch costs about
 * 1.7 s of CPU, paid once a run instead of once a suite; each suite still gets fresh contexts, and
 * `close()` drops this connection's contexts only. Files a test downloads come back through
 * `downloadedText` (a remote browser's downloads have no local path).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser suites need Debian's chromium-headless-shell package ("apt-get install -y chromium-headless-shell"; npm test installs it when it runs as root).`);
  }
  return chromium.connect(await sharedChromiumEndpoint());
}

async function sharedChromiumEndpoint(): Promise<string> {
  const dir = join(testServices().root, 'chromium');
  const endpoint = join(dir, 'endpoint');
  let starter = false;
  try {
    mkdirSync(dir); // atomic: exactly one suite of the run starts the browser
    starter = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let output = '';
  let exited: number | null = null;
  if (starter) {
    // It watches the Jest process (not this worker): other workers' suites use it until the run ends.
    const child = spawn(process.execPath, [SERVER_SCRIPT, dir, String(testServices().jestPid), CHROMIUM], { stdio: ['ignore', 'ignore', 'pipe'] });
    writeFileSync(join(dir, 'pid'), String(child.pid));
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => (exited = code ?? -1));
    child.unref();
    (child.stderr as unknown as { unref(): void }).unref();
  }
  const deadline = Date.now() + 30_000;
  while (!existsSync(endpoint)) {
    if (exited !== null) throw new Error(`the shared Chromium exited with ${exited} before it listened:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the shared Chromium did not listen within 30 s${output ? `:\n${output}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readFileSync(endpoint, 'utf8');
}

/** What a download holds, as text (read through the connection: it has no local path). */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface CheckedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP refusals seen so far; a page that breaks its own policy fails the test. */
  problems: string[];
}

/** A fresh context (its own storage, like another person's browser) and one page in it. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<CheckedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return { context, page, problems };
}

/** The pages a suite opened: `closeAll()` (after each test) closes them and fails on any page error or CSP refusal they saw. */
export class OpenedPages {
  private readonly pages: CheckedPage[] = [];

  constructor(private readonly browser: () => Browser, private readonly defaults: BrowserContextOptions = {}) {}

  async open(options: BrowserContextOptions = {}): Promise<CheckedPage> {
    const checked = await openPage(this.browser(), { ...this.defaults, ...options });
    this.pages.push(checked);
    return checked;
  }

  async closeAll(): Promise<void> {
    for (const { context, problems } of this.pages.splice(0)) {
      await context.close();
      expect(problems).toEqual([]);
    }
  }
}

/**
 * Passes the page's socket.io traffic through, and can hold back what the server sends, as a slow
 * network would (released in order). Install before the page connects.
 */
export async function delayableSockets(page: Page): Promise<{ hold(): void; release(): void }> {
  let held: Array<() => void> | null = null;
  await page.routeWebSocket(/socket\.io/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => (held ? held.push(() => ws.send(message)) : ws.send(message)));
  });
  return {
    hold: () => {
      held ??= [];
    },
    release: () => {
      const queued = held ?? [];
      held = null;
      for (const send of queued) send();
    },
  };
}

/** Saves what the test checked under test-output/screenshots; FIRSTHAND_DOC_SCREENSHOTS=1 also refreshes docs/screenshots. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; doc?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  if (options.doc && process.env.FIRSTHAND_DOC_SCREENSHOTS === '1') {
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    copyFileSync(file, join(DOC_SCREENSHOTS, `${name}.png`));
  }
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core in the page. Evaluated through the DevTools protocol: the pages' Content-Security-Policy
 * (rightly) refuses inline scripts, so addScriptTag's inline injection would be blocked.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Strings, not functions: this file is type-checked without the DOM library.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/^(Email|邮箱)$/).fill(email);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
}

/**
 * Waits until a field holds what is expected. A click's state change reaches a field a render or two
 * later (an effect, a response), so reading it once right after the click races the page; after the
 * deadline the last value fails the test with a readable diff.
 */
export async function fieldHolds(field: Locator, expected: string | RegExp, timeoutMs = 5000): Promise<void> {
  const holds = (value: string) => (typeof expected === 'string' ? value === expected : expected.test(value));
  const deadline = Date.now() + timeoutMs;
  while (!holds(await field.inputValue())) {
    if (Date.now() > deadline) {
      const value = await field.inputValue();
      if (typeof expected === 'string') expect(value).toBe(expected);
      else expect(value).toMatch(expected);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
