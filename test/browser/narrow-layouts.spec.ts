import type { Browser, Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { TINY_PNG } from '../support/mail-sender.js';
import { launchChromium, OpenedPages, screenshot, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';
import { expectNoSidewaysScroll } from './support/page-width.js';

const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };

/** On how many lines each element's text is laid out (one per distinct line top), by selector, in page order. */
const linesOf = (page: Page, selector: string): Promise<number[]> =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  })`);

/** Whether the element lies wholly inside the window, as the user sees it without scrolling. */
const inWindow = (locator: Locator): Promise<boolean> =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0);
  });

/** Waits until the page moves the keyboard focus to `locator`'s element; fails naming what holds it instead. */
const focusReaches = async (locator: Locator): Promise<void> => {
  const held = await locator.evaluate(
    (el) =>
      new Promise<string | null>((resolve) => {
        const until = Date.now() + 5000;
        const check = () => {
          const active = el.ownerDocument.activeElement;
          if (active === el) resolve(null);
          else if (Date.now() > until) resolve(active ? `${active.tagName} ${(active.textContent ?? '').trim().slice(0, 60)}` : 'nothing');
          else setTimeout(check, 25);
        };
        check();
      }),
  );
  expect(held).toBeNull();
};

/** Layouts that squeezed or spilled in a user walk, in real Chromium: the customer's pages on a phone, the supervisor's narrow panels. */
describe('narrow layouts (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let boss: TestAgent;
  let senior: TestAgent;
  let li: TestAgent;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
    senior = await stack.factory.agent('senior', team, 'Chen Jie');
    li = await stack.factory.agent('agent', team, 'Li Wei');
  });

  /** A file uploaded the way the pages do it, ready for a message to carry. */
  const upload = async (name: string, mimeType: string, content: Buffer, auth: Record<string, string> = {}) => {
    const res = await stack.http.post('/api/uploads').set(auth).attach('file', content, { filename: name, contentType: mimeType }).expect(201);
    return { id: res.body.id as string, uploadToken: res.body.uploadToken as string };
  };

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
        .map((el) => (el.getAttribute('name') || el.textContent.trim()).slice(0, 8));
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

  it.each(['en-US', 'zh-CN'])('an agent\'s ticket with a long subject, unbroken words and links and attachments fits a 390 px phone (%s)', async (locale) => {
    const long = 'https://support.example.com/orders/2026/12/06/invoices/INV-0000012345678901234567890/download?format=pdf&lang=zh-CN&token=abcdefghijklmnopqrstuvwxyz0123456789';
    const ticket = await stack.factory.customerTicket({
      subject: `Payment page keeps failing with ERR_CONNECTION_RESET_BY_PEER_WHILE_NEGOTIATING_TLS_${'X'.repeat(40)} 路由器每天晚上断线`,
      description: `Log line: ${'0123456789abcdef'.repeat(8)}\nSee ${long}`,
      attachments: [
        await upload('a-very-long-screenshot-file-name-taken-on-the-phone-after-the-update-2026-12-06.png', 'image/png', TINY_PNG),
        await upload('router-diagnostics-export-with-a-long-name-from-the-admin-page.txt', 'text/plain', Buffer.from('line one\n')),
      ],
    });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http
      .post(`/api/tickets/${ticket.id}/messages`)
      .set(li.auth)
      .send({ body: `Please try this link: ${long} and run netsh_winsock_reset_${'y'.repeat(60)}`, visibility: 'public', attachments: [await upload('steps-to-reset-the-network-stack-on-windows-eleven.png', 'image/png', TINY_PNG, li.auth)] })
      .expect(201);
    await stack.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: `Internal: customer id ${'Z'.repeat(90)}`, visibility: 'internal' }).expect(201);

    const { page } = await pages.open({ ...PHONE, viewport: { width: 390, height: 844 }, locale });
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    // Opened from a link, the ticket is what the phone shows: its heading on the first screen and focused, the lists put away.
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(ticket.code) });
    await focusReaches(heading);
    expect(await inWindow(heading)).toBe(true);
    expect(await page.locator('.agent-lists').isVisible()).toBe(false);
    await page.getByTestId('timeline').locator('[data-testid="attachment-thumbnail"]').nth(1).waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').first().waitFor({ timeout: 10_000 });
    await expectNoSidewaysScroll(page, 390);
    // Still usable: the composer and its send button are on the screen, not pushed past its edge.
    const send = page.locator('form.composer button[type="submit"]');
    await send.scrollIntoViewIfNeeded();
    const box = await send.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await screenshot(page, `agent-ticket-phone-390-${locale}`, { fullPage: true });
  });

  it('on a 390 px phone a ticket tapped in the team queue takes the lists\' place, heading first and focused; the way back returns to its row; a wide window keeps both columns', async () => {
    // A queue long enough that the ticket column starts screens below the first one, as QA saw it.
    let newest = await stack.factory.customerTicket({ subject: 'Phone queue ticket 0: router drops at night' });
    for (let n = 1; n < 12; n++) newest = await stack.factory.customerTicket({ subject: `Phone queue ticket ${n}: router drops at night` });
    const { page } = await pages.open({ ...PHONE, viewport: { width: 390, height: 844 } });
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    // The newest waits last in the queue (the most urgent come first): the thumb scrolls down to it.
    const row = page.locator(`[data-testid="list-queue"] [data-ticket-code="${newest.code}"]`);
    await row.scrollIntoViewIfNeeded();
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
    await row.locator('a.queue-open').tap();

    const heading = page.getByRole('heading', { level: 1, name: new RegExp(newest.code) });
    await focusReaches(heading);
    expect(await inWindow(heading)).toBe(true);
    expect(await page.getByTestId('list-queue').isVisible()).toBe(false);
    const back = page.getByRole('link', { name: 'Back to the ticket lists' });
    expect(await back.isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, 390);
    await screenshot(page, 'agent-ticket-opened-phone-390');

    await back.tap();
    await row.waitFor({ state: 'visible' });
    await focusReaches(row.locator('a.queue-open'));
    expect(await inWindow(row.locator('a.queue-open'))).toBe(true);
    expect(await page.getByTestId('ticket-page').count()).toBe(0);
    await expectNoSidewaysScroll(page, 390);

    // The canned replies open the same way: the page in place of the lists, and back.
    await page.getByRole('link', { name: 'Canned replies' }).tap();
    const cannedTitle = page.getByRole('heading', { level: 1, name: 'Canned replies' });
    await focusReaches(cannedTitle);
    expect(await inWindow(cannedTitle)).toBe(true);
    await back.tap();
    await page.getByTestId('list-queue').waitFor({ state: 'visible' });

    // A wide window still shows the lists beside the open ticket, with no way back to show.
    await page.setViewportSize({ width: 1280, height: 860 });
    await row.locator('a.queue-open').click();
    await focusReaches(heading);
    expect(await page.getByTestId('list-queue').isVisible()).toBe(true);
    expect(await back.isVisible()).toBe(false);
  });

  it.each(['en-US', 'zh-CN'])('the knowledge-base editor with articles fits a 390 px phone (%s)', async (locale) => {
    const category = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: `refunds-${locale.toLowerCase()}`, nameEn: 'Refunds and returns for orders', nameZhCn: '退款与退货' }).expect(201)).body.id;
    const titles = [
      ['How to request a refund for an order paid with a gift card', '如何申请退款'],
      ['Troubleshooting ERR_CONNECTION_RESET_BY_PEER_WHILE_NEGOTIATING_TLS', '路由器报错 ERR_CONNECTION_RESET_BY_PEER_WHILE_NEGOTIATING_TLS 的排查'],
    ];
    for (const [n, [titleEn, titleZhCn]] of titles.entries())
      await stack.http
        .post('/api/kb/articles')
        .set(senior.auth)
        .send({ categoryId: category, status: 'published', slug: `article-with-a-rather-long-slug-${n}-${locale.toLowerCase()}-for-the-phone-layout`, titleEn, bodyEn: `See https://support.example.com/${'a'.repeat(80)}`, titleZhCn, bodyZhCn: '签收后 **30 天**内申请退款。' })
        .expect(201);

    const { page } = await pages.open({ ...PHONE, viewport: { width: 390, height: 844 }, locale });
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/kb`);
    await page.locator('.kb-articles tbody tr').nth(1).waitFor();
    await expectNoSidewaysScroll(page, 390);
    await page.locator('.kb-articles tbody tr').first().getByRole('button').first().click();
    await page.locator('.kb-editor textarea').first().waitFor();
    await expectNoSidewaysScroll(page, 390);
    await screenshot(page, `knowledge-base-phone-390-${locale}`, { fullPage: true });
  });
});
