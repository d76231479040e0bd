import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { TINY_PNG } from '../support/mail-sender.js';
import { launchChromium, OpenedPages, screenshot, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };

/** How far the page is wider than the window, and which elements stick out past its right edge (for the failure message). */
const overflow = (page: Page, width: number): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> =>
  page.evaluate(`(() => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > ${width} + 0.5)
      .slice(0, 8)
      .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
  })()`);

/** A phone browser zooms out to show a page wider than the screen, so the window must also stay the screen's width. */
const expectNoSidewaysScroll = async (page: Page, width: number) => {
  const seen = await overflow(page, width);
  expect(seen).toEqual({ scrollWidth: expect.any(Number), innerWidth: width, wide: [] });
  expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
};

/** On how many lines each element's text is laid out (one per distinct line top), by selector, in page order. */
const linesOf = (page: Page, selector: string): Promise<number[]> =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  })`);

/** Layouts that squeezed or spilled in a user walk, in real Chromium: the customer's pages on a phone, the supervisor's narrow panels. */
describe('narrow layouts (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it.each(['en-US', 'zh-CN'])('the new issue form with a file and its tracking page fit 360 px (%s)', async (locale) => {
    const { page } = await pages.open({ ...PHONE, locale });
    await page.goto(stack.baseUrl);
    await page.locator('input[name="name"]').fill('Alice Tester');
    await page.locator('input[name="email"]').fill(`alice.tester.with.a.long.address.${Date.now()}@example.com`);
    await page.locator('input[name="subject"]').fill('Printer will not connect to the office wifi after the firmware update');
    await page.locator('textarea[name="description"]').fill(`Since yesterday my printer cannot join my home wifi. Restarting did not help. Log: ${'x'.repeat(80)}`);
    await page.locator('form.new-issue input[type="file"]').setInputFiles({ name: 'a-rather-long-screenshot-file-name-from-the-phone.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.locator('[data-testid="pending-upload"][data-state="ready"]').waitFor();
    await expectNoSidewaysScroll(page, 360);

    await page.locator('form.new-issue button[type="submit"]').click();
    await page.waitForURL(/\/track\/FH-[0-9A-Z]+$/);
    await page.getByTestId('service-map').waitFor();
    await page.getByTestId('attachment-thumbnail').waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
    await expectNoSidewaysScroll(page, 360);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 390);
    await screenshot(page, `customer-tracking-phone-360-${locale}`, { fullPage: true });
  });

  it.each(['en-US', 'zh-CN'])('the new issue form keeps its two-column fields inside its card on a tablet (768 px, %s)', async (locale) => {
    const { page } = await pages.open({ viewport: { width: 768, height: 1024 }, locale });
    await page.goto(stack.baseUrl);
    await page.locator('form.new-issue input[name="email"]').waitFor();
    const outside = await page.evaluate(`(() => {
      const form = document.querySelector('form.new-issue').getBoundingClientRect();
      return [...document.querySelectorAll('form.new-issue .field, form.new-issue input, form.new-issue select, form.new-issue textarea')]
        .filter((el) => el.getBoundingClientRect().right > form.right + 0.5 || el.getBoundingClientRect().left < form.left - 0.5)
        .map((el) => (el.getAttribute('name') || el.textContent.trim()).slice(0, 40));
    })()`);
    expect(outside).toEqual([]);
  });

  it.each(['en-US', 'zh-CN'])('the unclaimed list keeps ages, Reassign buttons and complaint clocks on one line each (%s)', async (locale) => {
    await stack.factory.customerTicket({ subject: 'Invoice needs company name', kind: 'complaint' });
    await stack.factory.customerTicket({ subject: '优惠券无法使用', kind: 'complaint' });
    await stack.factory.customerTicket({ subject: '路由器每天晚上断线，附截图' });
    await stack.factory.customerTicket({ subject: 'Refund not received after return' });
    const { page } = await pages.open({ locale, viewport: { width: 1280, height: 900 } });
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const list = page.getByTestId('unclaimed');
    await list.locator('[data-testid="complaint-marker"]').nth(1).waitFor();
    for (const width of [1280, 1100, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const ages = await linesOf(page, '[data-testid="unclaimed"] tbody td:first-of-type');
      expect(ages.length).toBeGreaterThanOrEqual(4);
      const clocks = await linesOf(page, '[data-testid="unclaimed"] [data-testid="complaint-marker"]');
      expect(clocks.length).toBeGreaterThanOrEqual(2);
      expect({ width, headings: await linesOf(page, '[data-testid="unclaimed"] thead th:nth-child(-n+2)'), ages, buttons: await linesOf(page, '[data-testid="unclaimed"] tbody button'), clocks }).toEqual({
        width,
        headings: [1, 1],
        ages: ages.map(() => 1),
        buttons: ages.map(() => 1),
        clocks: clocks.map(() => 1),
      });
    }
    await screenshot(page, `supervisor-unclaimed-${locale}`, { fullPage: true });
  });
});
