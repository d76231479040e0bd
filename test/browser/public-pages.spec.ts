import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The landing page, the public "open an issue" form and the tracking page it leads to, in real Chromium. */
describe('landing page, new issue form and tracking page (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  const pages = new OpenedPages(() => browser);
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens an issue from the keyboard, lands on its tracking page, follows it live to a rating, and switches language', async () => {
    const { page } = await open();
    await page.goto(stack.baseUrl);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'landing', { doc: true });

    // Focus order: skip link, home link, language switch, then the form from its first field.
    const focused = async () => page.evaluate("document.activeElement?.getAttribute('name') || document.activeElement?.id || document.activeElement?.textContent");
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Firsthand');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('language-switch');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('name');
    await page.keyboard.type('Mei Chen');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('email');
    await page.keyboard.type('mei.chen@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('kind');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('subject');
    await page.keyboard.type('Charged twice for one order');
    await page.keyboard.press('Tab');
    await page.keyboard.type('My card shows two payments for order 1042.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('type')")).toBe('file'); // "Attach files", left empty
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/track\/FH-[0-9A-Z]+$/);
    const code = new URL(page.url()).pathname.split('/').pop()!;
    expect(new URL(page.url()).hash).toBe('');
    await page.getByTestId('service-map').waitFor();
    await page.locator('[data-step="taken"][data-state="current"]').waitFor();
    const [ticket] = await stack.database.db.query(`SELECT id, channel FROM tickets WHERE code = $1`, [code]);
    expect(ticket.channel).toBe('web');

    // The token stays in this tab: a reload keeps the page working.
    await page.reload();
    await page.getByText('Charged twice for one order').waitFor();

    // The agent takes it, replies and resolves it; the page follows without a reload.
    await stack.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Refunded the second payment.', visibility: 'public' }).expect(201);
    await page.getByTestId('customer-timeline').getByText('Refunded the second payment.').waitFor({ timeout: 5000 });
    await page.locator('[data-step="in_progress"][data-state="current"]').waitFor();
    // A promise whose time passes while the page is open turns into an apology, not a deadline in the past.
    await stack.database.db.query(`UPDATE tickets SET next_update_due_at = now() + interval '3 seconds' WHERE id = $1`, [ticket.id]);
    await page.reload();
    const promise = page.getByTestId('promise');
    await promise.getByText(/^Next update by /).waitFor();
    await promise.getByText(/^The update we promised by .+ is late\. Sorry for the wait/).waitFor({ timeout: 10_000 });
    expect(await promise.getByText(/^Next update by /).count()).toBe(0);
    await page.getByLabel('Your reply').fill('Thank you, I see it.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('customer-timeline').getByText('Thank you, I see it.').waitFor();
    await stack.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Duplicate charge refunded' }).expect(200);
    await page.locator('[data-step="resolved"][data-state="done"]').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Reopen my issue' }).waitFor();

    // Rate it 1-5 with a comment, from the keyboard.
    await page.getByRole('radio', { name: '4 of 5' }).check();
    await page.getByLabel('Comment (optional)').fill('Quick and clear');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('You rated 4/5. Thank you.').waitFor();
    // Their own words stay on their page, under the rating in the timeline.
    await page.getByTestId('customer-timeline').locator('[data-type="rated"]').getByText('Quick and clear', { exact: true }).waitFor();
    const [rated] = await stack.database.db.query(`SELECT csat_rating, csat_comment FROM tickets WHERE id = $1`, [ticket.id]);
    expect(rated).toEqual({ csat_rating: 4, csat_comment: 'Quick and clear' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'customer-tracking-resolved', { fullPage: true });

    // The language switch: Chinese at once, remembered across a reload, <html lang> follows.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByText('您的评分为 4/5，谢谢！').waitFor();
    await page.reload();
    await page.getByText('您的评分为 4/5，谢谢！').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
  });

  it('says in Chinese what to fix on the form (blank name and description, a bad phone, a one-character subject), and sends nothing', async () => {
    const { page } = await open({ locale: 'zh-CN' });
    await page.goto(stack.baseUrl);
    const before = (await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets`))[0];
    await page.locator('input[name="name"]').fill('   ');
    await page.locator('input[name="phone"]').fill('call me');
    await page.locator('input[name="subject"]').fill('退 ');
    await page.locator('textarea[name="description"]').fill(' \n ');
    await page.locator('form.new-issue button[type="submit"]').click();
    for (const message of ['请填写您的姓名。', '请填写电话号码：6 到 20 位数字、空格、+、- 或括号。', '请用至少 2 个字概括问题。', '请描述发生了什么。']) {
      await page.getByText(message, { exact: true }).waitFor();
    }
    expect(await page.locator('.field-error').evaluateAll((els) => els.map((el) => el.textContent).join(' '))).not.toMatch(/must|characters/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'landing-form-errors-zh-CN');
    expect((await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets`))[0]).toEqual(before);
  });

  it('a tracking page without its token asks for the private link, and a wrong token finds nothing', async () => {
    const ticket = await stack.factory.customerTicket();
    const { page } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${stack.baseUrl}/track/${ticket.code}`);
    await page.getByText('This page needs the private link from your confirmation message.').waitFor();
    await page.getByLabel('Paste your private link').fill(`${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByTestId('service-map').waitFor();
    await screenshot(page, 'customer-tracking-phone');

    const other = await open();
    await other.page.goto(`${stack.baseUrl}/track/${ticket.code}#token=not-the-token`);
    await other.page.getByText('We cannot find this issue with this link.', { exact: false }).waitFor();
    // Not a dead end: it offers a new issue, and the right link pasted into the address bar of this
    // same tab (only the fragment changes: no page load) opens the issue and leaves the bar clean.
    await other.page.getByRole('link', { name: 'Open a new issue' }).waitFor();
    await other.page.evaluate(`window.location.hash = ${JSON.stringify(`token=${ticket.trackingToken}`)}`);
    await other.page.getByTestId('service-map').waitFor();
    expect(new URL(other.page.url()).hash).toBe('');
  });
});
