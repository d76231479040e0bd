import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The bot for standard questions end to end in real Chromium: the landing form, the tracking page's two choices, the queue, the supervisor's figures. */
describe('standard-question bot (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 1000 } });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
    const senior = await stack.factory.agent('senior', team, 'Chen Jie');
    const refunds = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款', botMayAnswer: true }).expect(201)).body.id;
    await stack.http
      .post('/api/kb/articles')
      .set(senior.auth)
      .send({ categoryId: refunds, status: 'published', titleEn: 'How to request a refund', bodyEn: 'Ask within **30 days** of delivery in *My orders*.' })
      .expect(201);
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The landing form, as a customer fills it in; resolves on the tracking page with the automatic answer showing. */
  const askOnTheForm = async (page: Page, email: string): Promise<string> => {
    await page.goto(stack.baseUrl);
    await page.locator('input[name="name"]').fill('Mei Chen');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="subject"]').fill('Request a refund');
    await page.locator('textarea[name="description"]').fill('The blender arrived and I do not want it.');
    await page.getByRole('button', { name: 'Send my issue' }).click();
    await page.waitForURL(/\/track\/FH-[0-9A-Z]+$/);
    await page.getByTestId('automatic-answer').waitFor();
    return new URL(page.url()).pathname.split('/').pop()!;
  };

  it('answers on the tracking page; "This solved it" resolves one, "I need a person" puts the other in the queue; the open dashboard counts both apart, live', async () => {
    // Opened before anything happens: the panel must follow the ticket events without a reload.
    const supervisor = await pages.open({ locale: 'en' });
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const panel = supervisor.page.getByTestId('bot-figures');
    const figure = async (id: string) => (await panel.getByTestId(id).locator('td').textContent())?.trim();
    await eventually(async () => (await figure('bot-figures-answered')) === '0', 10_000, 'the empty panel');

    const customer = await pages.open({ locale: 'en' });
    await askOnTheForm(customer.page, 'mei.chen@example.com');
    const answer = customer.page.getByTestId('automatic-answer');
    expect(await answer.locator('.badge').textContent()).toBe('Automatic answer');
    expect(await answer.getByRole('heading').textContent()).toBe('How to request a refund');
    expect(await answer.locator('.kb-preview strong').textContent()).toBe('30 days');
    // While the answer waits for the customer's choice the ticket is in nobody's queue: the promise says so.
    expect(await customer.page.getByTestId('promise').textContent()).toContain('Our automatic answer is below');
    const timeline = customer.page.getByTestId('customer-timeline');
    await timeline.getByText('Automatic answer: How to request a refund').waitFor();
    await screenshot(customer.page, 'track-automatic-answer', { doc: true });
    await answer.getByRole('button', { name: 'This solved it' }).click();
    await customer.page.getByTestId('track-status').filter({ hasText: 'Resolved' }).waitFor();
    expect(await answer.getByRole('button').count()).toBe(0);
    await timeline.getByText('You said the automatic answer solved it').waitFor();
    expect(await timeline.getByText('Update', { exact: true }).count()).toBe(0);

    const agent = await pages.open({ locale: 'en' });
    await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const second = await pages.open({ locale: 'en' });
    const code = await askOnTheForm(second.page, 'sam.lee@example.com');
    const row = agent.page.locator(`[data-testid="list-queue"] [data-ticket-code="${code}"]`);
    // The email's "I need a person" link (the tracking link with the choice in its fragment), opened
    // in a new tab: the page focuses that choice and leaves pressing it to the customer.
    const token = (await second.page.evaluate(`sessionStorage.getItem('firsthand.track.${code}')`)) as string | null;
    const fromMail = await pages.open({ locale: 'en' });
    await fromMail.page.goto(`${stack.baseUrl}/track/${code}#token=${encodeURIComponent(token ?? '')}&automatic-answer=need-person`);
    const needPerson = fromMail.page.getByTestId('automatic-answer').getByRole('button', { name: 'I need a person' });
    await needPerson.waitFor();
    await eventually(async () => (await fromMail.page.evaluate('document.activeElement?.textContent')) === 'I need a person', 5_000, 'the choice focused');
    expect(new URL(fromMail.page.url()).hash).toBe('');
    const [held] = await stack.database.db.query(`SELECT bot_outcome FROM tickets WHERE code = $1`, [code]);
    expect(held).toEqual({ bot_outcome: 'held' }); // opening the link pressed nothing
    await fromMail.page.keyboard.press('Enter');
    await fromMail.page.getByTestId('automatic-answer').getByRole('button').first().waitFor({ state: 'detached' });
    await fromMail.page.getByTestId('customer-timeline').getByText('You asked for a person: passed to our team').waitFor();
    expect(await fromMail.page.getByTestId('promise').textContent()).toContain('waiting for the first available agent');
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: `Claim ${code}` }).click();
    await agent.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    const [claimed] = await stack.database.db.query(`SELECT owner_id, bot_outcome, status FROM tickets WHERE code = $1`, [code]);
    expect(claimed).toEqual({ owner_id: li.id, bot_outcome: 'asked', status: 'open' });

    // The claim is the last change: once the panel counts a ticket a person took, it has heard of everything.
    await eventually(async () => /\(1 taken by a person\)$/.test((await figure('bot-figures-time-to-person')) ?? ''), 10_000, 'the claim on the open dashboard');
    expect(await panel.getByText("The agents' first-responder and first-contact rates count only tickets a person handled").count()).toBe(1);
    expect([await figure('bot-figures-answered'), await figure('bot-figures-resolved'), await figure('bot-figures-held')]).toEqual(['2', '1', '0']);
    expect([await figure('bot-figures-handed-asked'), await figure('bot-figures-handed-timer'), await figure('bot-figures-handed-claimed')]).toEqual(['1', '0', '0']);
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'supervisor-bot-figures');
  });
  it('a ticket the bot holds says so: on the supervisor\'s unclaimed list and on its own page, where a claim still takes it', async () => {
    const customer = await pages.open({ locale: 'en' });
    const code = await askOnTheForm(customer.page, 'ada.park@example.com');
    const [{ id, bot_hold_until: holdUntil }]: Array<{ id: string; bot_hold_until: Date }> = await stack.database.db.query(`SELECT id, bot_hold_until FROM tickets WHERE code = $1`, [code]);

    const supervisor = await pages.open({ locale: 'en' });
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const row = supervisor.page.getByTestId('unclaimed').locator('tr', { has: supervisor.page.getByRole('link', { name: code }) });
    const marker = row.getByTestId('bot-holds');
    await marker.waitFor();
    expect(await marker.textContent()).toMatch(/^Bot answered · waits until \d{1,2}:\d{2}/);
    expect(holdUntil.getTime()).toBeGreaterThan(Date.now());

    const agent = await pages.open({ locale: 'en' });
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${id}`, li.email, TEST_PASSWORD);
    const banner = agent.page.getByTestId('ownership');
    await banner.filter({ hasText: 'The bot answered with a help-center article and waits for the customer until' }).waitFor();
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
    await banner.getByRole('button', { name: `Claim ${code}` }).click();
    await banner.filter({ hasText: 'You own this ticket' }).waitFor();
    await marker.waitFor({ state: 'detached', timeout: 10_000 });
    const [claimed] = await stack.database.db.query(`SELECT owner_id, bot_outcome FROM tickets WHERE id = $1`, [id]);
    expect(claimed).toEqual({ owner_id: li.id, bot_outcome: 'claimed' });
  });
});
