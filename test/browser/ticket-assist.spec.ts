import type { Browser } from 'playwright-core';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { fieldHolds, launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The Assist panel beside a ticket in real Chromium against the built API: one click into the composer, and the message says what it used. */
describe('first-contact assist in the agent console (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
  });
  afterEach(() => pages.closeAll());
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows matching articles and a similar solved ticket; one click inserts the article link, and the sent note records the suggestion', async () => {
    const f = stack.factory;
    const team = await f.team('Front Desk', true);
    const [li, senior] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('senior', team, 'Chen Jie')]);
    const category = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款' }).expect(201)).body.id;
    const article = (
      await stack.http.post('/api/kb/articles').set(senior.auth).send({ categoryId: category, status: 'published', slug: 'kettle-refund', titleEn: 'Kettle refund', bodyEn: 'A broken kettle is refunded within 5 days.' }).expect(201)
    ).body.id;
    const solved = await f.customerTicket({ subject: 'Refund for a broken kettle', description: 'It leaks.' });
    await stack.http.post(`/api/tickets/${solved.id}/messages`).set(li.auth).send({ body: 'Your kettle refund was sent today.', visibility: 'public' }).expect(201);
    await stack.http.post(`/api/tickets/${solved.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Refunded' }).expect(200);
    const current = await f.customerTicket({ subject: 'My kettle refund', description: 'The kettle broke.' });

    const { page } = await pages.open({ locale: 'en' });
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${current.id}`);
    const panel = page.getByTestId('assist-panel');
    const articleItem = panel.getByTestId('assist-article').filter({ hasText: 'Kettle refund' });
    await articleItem.waitFor({ timeout: 10_000 });
    await panel.getByTestId('assist-ticket').filter({ hasText: solved.code }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'agent-assist-panel');

    await articleItem.getByRole('button', { name: 'Insert link' }).click();
    const box = page.locator('textarea[name="body"]');
    await fieldHolds(box, /^Kettle refund: https?:\/\/.+\/help\/articles\/kettle-refund\?lang=en$/);
    await page.getByTestId('composer-suggestion').waitFor();

    // Li does not own the ticket, so the composer sends an internal note; it still carries the suggestion.
    await page.locator('form.composer button[type="submit"]').click();
    await page.locator('section[aria-labelledby="timeline-title"]').getByText(/kettle-refund\?lang=en/).first().waitFor();
    await fieldHolds(box, '');
    const uses = await stack.database.db.query(`SELECT ticket_id, kind, article_id, agent_id FROM ticket_assist_uses`);
    expect(uses).toEqual([{ ticket_id: current.id, kind: 'article', article_id: article, agent_id: li.id }]);
  });

  it("offers articles in the customer's language, whatever the console's: a zh-CN console on an English customer's ticket inserts English", async () => {
    const f = stack.factory;
    const [{ id: team }] = await stack.database.db.query(`SELECT id FROM teams WHERE is_default`);
    const [wang, senior] = await Promise.all([f.agent('agent', team, 'Wang Lei'), f.agent('senior', team, 'Zhou Min')]);
    const category = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'delivery', nameEn: 'Delivery', nameZhCn: '配送' }).expect(201)).body.id;
    await stack.http
      .post('/api/kb/articles')
      .set(senior.auth)
      .send({ categoryId: category, status: 'published', slug: 'parcel-tracking', titleEn: 'Parcel tracking', bodyEn: 'Your parcel can be tracked with its number.', titleZhCn: '包裹追踪', bodyZhCn: '您可以用单号追踪包裹。' })
      .expect(201);
    const ticket = await f.customerTicket({ subject: 'Parcel tracking is not working', description: 'The parcel tracking page is empty.' }, { locale: 'en' });

    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, wang.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    const item = page.getByTestId('assist-panel').getByTestId('assist-article').filter({ hasText: 'Parcel tracking' });
    await item.waitFor({ timeout: 10_000 });
    await item.getByRole('button', { name: '插入链接' }).click();
    await fieldHolds(page.locator('textarea[name="body"]'), /^Parcel tracking: https?:\/\/.+\/help\/articles\/parcel-tracking\?lang=en$/);
  });
});
