import type { Browser, Locator, Page } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { delayableSockets, launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Runs in the page: the ownership banner holds the keyboard focus. */
const BANNER_FOCUSED = `document.activeElement?.getAttribute('data-testid') === 'ownership'`;

/** Agents and a customer in real Chromium against the built API and gateway processes. */
describe('agent console and customer tracking page (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  let zhang: TestAgent;
  let sara: TestAgent;
  const pages = new OpenedPages(() => browser);
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);
  const queueRow = (page: Page, code: string): Locator => page.locator(`[data-testid="list-queue"] [data-ticket-code="${code}"]`);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    zhang = await stack.factory.agent('agent', team, 'Zhang Min');
    sara = await stack.factory.agent('agent', team, 'Sara Lopez');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('two agents claim one ticket at once: one owns it, the other sees who and loses it from the queue; the customer sees claim and reply live, in Chinese', async () => {
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    // "At once": both clicks leave before either page hears of the other's claim, however slowly this machine runs.
    const [slowA, slowB] = await Promise.all([delayableSockets(a.page), delayableSockets(b.page)]);
    await Promise.all([
      signIn(a.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD),
      signIn(b.page, `${stack.baseUrl}/agent`, zhang.email, TEST_PASSWORD),
      signIn(c.page, `${stack.baseUrl}/agent`, sara.email, TEST_PASSWORD),
    ]);

    // A new ticket appears in every queue without a reload.
    const ticket = await stack.factory.customerTicket({ subject: 'Parcel never arrived' }, { name: 'Ana Costa' });
    await Promise.all([a, b, c].map(({ page }) => queueRow(page, ticket.code).waitFor()));

    const customer = await open({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await customer.page.goto(`${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`);
    await customer.page.locator('[data-step="taken"][data-state="current"]').waitFor();
    expect(await customer.page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await customer.page.evaluate('window.location.hash')).toBe(''); // the token left the address bar
    await customer.page.getByText('等待客服受理').waitFor();

    // Both click "claim" at the same moment.
    slowA.hold();
    slowB.hold();
    await Promise.all([a, b].map(({ page }) => queueRow(page, ticket.code).getByRole('button', { name: `Claim ${ticket.code}` }).click()));
    const winnerPage = await Promise.race([
      a.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor().then(() => a),
      b.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor().then(() => b),
    ]);
    const loserPage = winnerPage === a ? b : a;
    const [owned] = await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]);
    const winner = owned.owner_id === li.id ? li : zhang;
    const loser = winner === li ? zhang : li;
    expect(winnerPage).toBe(winner === li ? a : b);

    // The other agent is told who owns it, and it is gone from their queue, without a reload.
    await loserPage.page.getByTestId('claim-lost').filter({ hasText: `${winner.name} already owns ${ticket.code}.` }).waitFor({ timeout: 5000 });
    await queueRow(loserPage.page, ticket.code).waitFor({ state: 'detached', timeout: 5000 });
    expect(await loserPage.page.getByTestId('ticket-page').count()).toBe(0);
    slowA.release();
    slowB.release();
    await screenshot(loserPage.page, 'agent-claim-lost');
    expect(await seriousA11yViolations(loserPage.page)).toEqual([]);

    // A third agent, who did not click, sees it leave the queue live, saying who took it.
    await queueRow(c.page, ticket.code).waitFor({ state: 'detached', timeout: 5000 });
    await c.page.getByTestId('announcements').getByText(`${ticket.code} was taken by ${winner.name}.`).waitFor();

    // The customer sees who took it, in Chinese, without a reload.
    await customer.page.getByText(`已由 ${winner.name} 受理`).waitFor({ timeout: 5000 });

    // The loser opens the ticket to consult: the owner sees them viewing, then typing an internal note.
    await loserPage.page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    await loserPage.page.getByText(`${winner.name} owns this ticket. You can add internal notes.`).waitFor();
    await winnerPage.page.getByTestId('presence').getByText(`${loser.name} is viewing`).waitFor({ timeout: 5000 });
    await loserPage.page.getByLabel('Message', { exact: true }).fill('Check the depot first');
    await winnerPage.page.getByTestId('presence').getByText(`${loser.name} is typing…`).waitFor({ timeout: 5000 });
    await loserPage.page.getByRole('button', { name: 'Send', exact: true }).click();
    await winnerPage.page.getByTestId('timeline').getByText('Check the depot first').waitFor({ timeout: 5000 });

    // The owner replies publicly; the customer sees the reply live, and never the internal note.
    await winnerPage.page.getByLabel('Message', { exact: true }).fill('We found your parcel; it arrives tomorrow.');
    await winnerPage.page.getByRole('button', { name: 'Send', exact: true }).click();
    await customer.page.getByTestId('customer-timeline').getByText('We found your parcel; it arrives tomorrow.').waitFor({ timeout: 5000 });
    await customer.page.getByText(`${winner.name} 回复了`).waitFor();
    expect(await customer.page.getByTestId('customer-timeline').textContent()).not.toContain('Check the depot first');
    await screenshot(winnerPage.page, 'agent-console', { doc: true });
    expect(await seriousA11yViolations(winnerPage.page)).toEqual([]);
    await screenshot(customer.page, 'customer-tracking-zh-CN', { fullPage: true, doc: true });
    expect(await seriousA11yViolations(customer.page)).toEqual([]);
  });

  it("Enter presses the focused button or link (the queue's Enter shortcut stays out of its way)", async () => {
    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const waiting = await stack.factory.customerTicket({ subject: 'Parcel stuck in customs' });
    const mine = await stack.factory.customerTicket({ subject: 'Wrong colour' });
    await queueRow(agent.page, waiting.code).waitFor();
    await agent.page.goto(`${stack.baseUrl}/agent/tickets/${mine.id}`);
    const claim = agent.page.getByTestId('ownership').getByRole('button', { name: `Claim ${mine.code}` });
    await claim.focus();
    await agent.page.keyboard.press('Enter');
    await agent.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    expect(new URL(agent.page.url()).pathname).toBe(`/agent/tickets/${mine.id}`);
    await agent.page.getByRole('link', { name: 'Canned replies' }).focus();
    await agent.page.keyboard.press('Enter');
    await agent.page.waitForURL(/\/agent\/canned-replies$/);
  });

  it('works from the keyboard: j moves through the queue, c claims; a stale reply is refused and shows the new customer message first', async () => {
    const agent = await open();
    const slow = await delayableSockets(agent.page);
    await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const first = await stack.factory.customerTicket({ subject: 'Wrong size delivered' });
    const second = await stack.factory.customerTicket({ subject: 'Invoice address' });
    await Promise.all([queueRow(agent.page, first.code).waitFor(), queueRow(agent.page, second.code).waitFor()]);
    // Every badge of a card (the SLA clock's is the longest) stays inside the card.
    const spills = await agent.page.locator('[data-testid="list-queue"] [data-ticket-code]').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const box = row.getBoundingClientRect();
        return [...row.querySelectorAll('.badge')].filter((b) => b.getBoundingClientRect().right > box.right + 0.5).map((b) => b.textContent);
      }),
    );
    expect(spills).toEqual([]);

    // Keyboard only: next row until the second ticket is selected, then claim it.
    const codes = await agent.page.locator('[data-testid="list-queue"] [data-ticket-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-code')));
    const target = codes.indexOf(second.code);
    for (let i = 0; i <= target; i++) await agent.page.keyboard.press('j');
    expect(await agent.page.evaluate("document.activeElement?.closest('[data-ticket-code]')?.getAttribute('data-ticket-code')")).toBe(second.code);
    await agent.page.keyboard.press('c');
    await agent.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    expect(await agent.page.getByTestId('ticket-page').getAttribute('data-ticket-code')).toBe(second.code);

    // The customer writes while the agent's stream is delayed: the agent's reply is refused as stale.
    await agent.page.getByTestId('timeline').locator('[data-type="claimed"]').waitFor();
    slow.hold();
    await stack.http.post(`/api/track/${second.code}/messages`).set('X-Tracking-Token', second.trackingToken).send({ body: 'Please use my new address: 8 Pine Road' }).expect(201);
    await agent.page.getByLabel('Message', { exact: true }).fill('Your invoice is on its way.');
    await agent.page.getByRole('button', { name: 'Send', exact: true }).click();
    const stale = agent.page.getByTestId('stale-notice');
    await stale.getByText('Please use my new address: 8 Pine Road').waitFor({ timeout: 5000 });
    await agent.page.getByTestId('timeline').getByText('Please use my new address: 8 Pine Road').waitFor();
    await screenshot(agent.page, 'agent-stale-reply');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
    slow.release();

    // Having read it, the agent sends again, and this time it goes through.
    await agent.page.getByLabel('Message', { exact: true }).fill('Your invoice goes to 8 Pine Road.');
    await agent.page.getByRole('button', { name: 'Send now that I have read it' }).click();
    await agent.page.getByTestId('timeline').getByText('Your invoice goes to 8 Pine Road.').waitFor({ timeout: 5000 });
    expect(await stale.count()).toBe(0);
    const [replies] = await stack.database.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'agent_replied'`, [second.id]);
    expect(replies.n).toBe(1);
  });

  it('a customer message that arrives live while the agent types still stops the reply until it is read', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Parcel left at the wrong door' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    await agent.page.getByTestId('timeline').locator('[data-type="claimed"]').waitFor();
    await agent.page.getByLabel('Message', { exact: true }).fill('We will collect it tomorrow.');
    await stack.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'It is at number 12, not 21' }).expect(201);
    // Shown live on the timeline while the agent is still writing, but not read: Send is refused.
    await agent.page.getByTestId('timeline').getByText('It is at number 12, not 21').waitFor({ timeout: 5000 });
    await agent.page.getByRole('button', { name: 'Send', exact: true }).click();
    await agent.page.getByTestId('stale-notice').getByText('It is at number 12, not 21').waitFor({ timeout: 5000 });
    await agent.page.getByRole('button', { name: 'Send now that I have read it' }).click();
    await agent.page.getByTestId('timeline').getByText('We will collect it tomorrow.').waitFor({ timeout: 5000 });
    const [replies] = await stack.database.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'agent_replied'`, [ticket.id]);
    expect(replies.n).toBe(1);
  });

  it('the resolution field tells the owner, in English and Chinese, that the customer sees it; and the customer does', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Voucher code rejected' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(sara.auth).expect(200);
    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, sara.email, TEST_PASSWORD);
    const description = (field: Locator) =>
      field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ').trim());
    const actions = agent.page.getByRole('region', { name: 'Actions' });
    expect(await description(actions.getByRole('textbox', { name: 'Resolution (what solved it)' }))).toBe('The customer sees this on their tracking page.');

    const storedLocale = async () => (await stack.database.db.query(`SELECT locale FROM agents WHERE id = $1`, [sara.id]))[0].locale as string;
    const localeBecomes = async (locale: string) => {
      for (let i = 0; i < 50 && (await storedLocale()) !== locale; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await storedLocale()).toBe(locale);
    };
    // Her own emails and live notices follow the language she reads the console in.
    await localeBecomes('en');
    await agent.page.getByLabel('Language').selectOption('zh-CN');
    await localeBecomes('zh-CN');
    const resolution = agent.page.getByRole('region', { name: '操作' }).getByRole('textbox', { name: '解决方案（如何解决的）' });
    expect(await description(resolution)).toBe('客户会在跟踪页面上看到这段内容。');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);

    await resolution.fill('Issued a new voucher code by email.');
    await agent.page.getByRole('button', { name: '标记为已解决' }).click();
    await agent.page.getByRole('button', { name: '重新打开' }).waitFor();
    const customer = await open();
    await customer.page.goto(`${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`);
    await customer.page.getByText('Issued a new voucher code by email.').first().waitFor();
  });

  it('a handoff waits in the ownership banner: the agent offered it reads the owner\'s note and answers there, the owner sees to whom it waits and withdraws it, live, in English and Chinese', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Router refund, order 5521' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const [owner, offered] = await Promise.all([open({ locale: 'zh-CN' }), open()]);
    await Promise.all([
      signIn(owner.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD),
      signIn(offered.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, zhang.email, TEST_PASSWORD),
    ]);
    const ownerBanner = owner.page.getByTestId('ownership');
    const offeredBanner = offered.page.getByTestId('ownership');
    await offeredBanner.filter({ hasText: 'Li Wei owns this ticket. You can add internal notes.' }).waitFor();

    // The owner proposes in their panel; their banner then says to whom it waits, and takes focus.
    const panel = owner.page.getByRole('form', { name: '转交' });
    await panel.getByLabel('转交给').selectOption(zhang.id);
    await panel.getByLabel('给下一位负责人的说明').fill('The customer wants the refund to her card, see https://example.com/orders/5521');
    await panel.getByRole('button', { name: '发起转交' }).click();
    await ownerBanner.filter({ hasText: '此工单由您负责' }).filter({ hasText: '您已发起转交给 Zhang Min；对方接受之前仍由您负责。' }).waitFor();
    await owner.page.waitForFunction(BANNER_FOCUSED);
    expect(await panel.count()).toBe(0);

    // The agent offered it sees it live, where they look first: who offers it, the note, the answers.
    await offeredBanner.filter({ hasText: 'Li Wei offered you this ticket. It stays theirs until you accept.' }).waitFor({ timeout: 5000 });
    expect(await offeredBanner.getByTestId('handoff-note').textContent()).toBe('The customer wants the refund to her card, see https://example.com/orders/5521');
    expect(await offeredBanner.getByRole('link', { name: 'https://example.com/orders/5521' }).count()).toBe(1);
    await screenshot(offered.page, 'agent-handoff-offered');
    expect(await seriousA11yViolations(offered.page)).toEqual([]);

    // Declined, the owner's banner loses the offer live; withdrawn, so does the other agent's.
    await offeredBanner.getByRole('button', { name: 'Decline' }).click();
    await offeredBanner.filter({ hasText: 'Li Wei owns this ticket.' }).waitFor();
    await ownerBanner.filter({ hasNotText: 'Zhang Min' }).filter({ hasText: '此工单由您负责' }).waitFor({ timeout: 5000 });
    await stack.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: zhang.id, note: 'Second try: she called again' }).expect(200);
    await offeredBanner.getByTestId('handoff-note').filter({ hasText: 'Second try: she called again' }).waitFor({ timeout: 5000 });
    await ownerBanner.getByRole('button', { name: '撤回转交' }).click();
    await offeredBanner.filter({ hasText: 'Li Wei owns this ticket.' }).waitFor({ timeout: 5000 });

    // Offered again and read in Chinese, it is accepted from the banner: it is theirs, on both screens.
    await stack.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: zhang.id, note: '第三次：客户要求退款到银行卡' }).expect(200);
    await offered.page.getByLabel('Language').selectOption('zh-CN');
    await offeredBanner.filter({ hasText: 'Li Wei 想把此工单转交给您。您接受之前仍由对方负责。' }).filter({ hasText: 'Li Wei 的转交说明' }).waitFor({ timeout: 5000 });
    await offeredBanner.getByRole('button', { name: '拒绝' }).waitFor();
    await offeredBanner.getByRole('button', { name: '接受转交' }).click();
    await offeredBanner.filter({ hasText: '此工单由您负责' }).waitFor();
    await offered.page.waitForFunction(BANNER_FOCUSED);
    await ownerBanner.filter({ hasText: '此工单由 Zhang Min 负责。' }).waitFor({ timeout: 5000 });
    expect((await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]))[0].owner_id).toBe(zhang.id);
  });

  it('in a backlog of more than 100 unclaimed tickets the queue lists the 100 most urgent, the breaching oldest first, and says more wait, in English and Chinese', async () => {
    const team = await stack.factory.team('Night Desk');
    const noor = await stack.factory.agent('agent', team, 'Noor Haddad');
    const db = stack.database.db;
    const [{ id: customer }] = await db.query(`INSERT INTO customers (name, email) VALUES ('Backlog Customer', 'backlog@example.com') RETURNING id`);
    // A Monday backlog: 130 waiting, the older the nearer its first-response deadline (the 30 oldest already past it).
    await db.query(
      `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, team_id, customer_id, created_at, first_response_due_at, resolution_due_at, last_seq)
       SELECT 'FH-BL' || lpad(i::text, 3, '0'), 'h', 'Backlog ' || i, 'd', 'web', 'problem', 'normal', 'standard', 'new', $1, $2,
              now() - i * interval '1 minute', now() + (100 - i) * interval '1 minute', now() + interval '2 days', 1
       FROM generate_series(1, 130) i`,
      [team, customer],
    );
    try {
      const { page } = await open();
      await signIn(page, `${stack.baseUrl}/agent`, noor.email, TEST_PASSWORD);
      const more = page.getByTestId('queue-more');
      await more.waitFor();
      expect(await more.textContent()).toBe('These are the 100 most urgent; more unclaimed tickets wait behind them.');
      expect(await page.getByRole('tab', { name: /Team queue/ }).textContent()).toBe('Team queue 100+');
      const codes = await page.locator('[data-testid="list-queue"] [data-ticket-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-code')));
      // Newest first, one page would have shown FH-BL001 to FH-BL100 and hidden every breaching one.
      expect(codes).toEqual(Array.from({ length: 100 }, (_, k) => `FH-BL${String(130 - k).padStart(3, '0')}`));
      expect(await queueRow(page, 'FH-BL130').locator('.badge[data-urgency="breached"]').count()).toBe(1);
      await page.getByLabel('Language').selectOption('zh-CN');
      await more.filter({ hasText: '这里是最紧急的 100 张；其后还有更多未认领的工单在等待。' }).waitFor();
    } finally {
      await db.query(`DELETE FROM tickets WHERE team_id = $1`, [team]);
    }
  });

  it('a ticket waiting for the customer shows its resolution clock paused, not counting down to a due time, in English and Chinese', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Need the order number' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    await page.getByTestId('ticket-status').filter({ hasText: 'Waiting for customer' }).waitFor();
    const clocks = page.locator('.ticket-header .badge[data-urgency]');
    await clocks.first().waitFor();
    expect(await clocks.allTextContents()).toEqual([expect.stringMatching(/^Resolution: paused while waiting for the customer \(.+ left\)$/)]);
    expect(await page.locator('.ticket-header .badge-due').count()).toBe(0);

    await page.getByLabel('Language').selectOption('zh-CN');
    await clocks.filter({ hasText: /^解决时限：等待客户期间已暂停（剩余 .+）$/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

