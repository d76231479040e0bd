import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The supervisor dashboard in real Chromium, fed by real ticket changes made in the agent console. */
describe('supervisor dashboard (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 1000 } });
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // How soon the push arrives is measured by bench:fanout (supervisors' live figures); this checks what arrives.
  it('counts a resolution in the live rates as soon as "resolve" commits, without a reload', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Cannot log in' });
    await stack.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Reset your password with the link we sent.', visibility: 'public' }).expect(201);

    const [agent, supervisor] = await Promise.all([open(), open()]);
    await Promise.all([signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD), signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD)]);
    const resolved = supervisor.page.getByTestId('resolved-today');
    await resolved.filter({ hasText: /^0$/ }).waitFor();
    expect(await supervisor.page.getByTestId('rate-fcr').textContent()).toBe('–');

    // A resolution made through the API (no console) counts the same way.
    const earlier = await stack.factory.customerTicket({ subject: 'Where is my invoice' });
    await stack.http.post(`/api/tickets/${earlier.id}/messages`).set(li.auth).send({ body: 'Attached.', visibility: 'public' }).expect(201);
    await stack.http.post(`/api/tickets/${earlier.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    await resolved.filter({ hasText: /^1$/ }).waitFor({ timeout: 5000 });

    await agent.page.getByLabel('Resolution (what solved it)').fill('Password reset');
    await agent.page.getByTestId('ownership').waitFor();
    // The dashboard stays as it is: the figures must come over its socket, not from a reload.
    const reloads: string[] = [];
    supervisor.page.on('framenavigated', (frame) => frame === supervisor.page.mainFrame() && reloads.push(frame.url()));
    const committed = agent.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/tickets/${ticket.id}/status`));
    await agent.page.getByRole('button', { name: 'Resolve', exact: true }).click();
    expect((await committed).status()).toBe(200);
    await resolved.filter({ hasText: /^2$/ }).waitFor({ timeout: 10_000 });
    expect(reloads).toEqual([]);
    expect(await supervisor.page.getByTestId('rate-fcr').textContent()).toBe('100%');
    expect(await supervisor.page.getByTestId('rate-frr').textContent()).toBe('100%');
    // This stack runs no worker process: the dashboard says what waits for one.
    expect(await supervisor.page.getByTestId('uncovered-work').getByRole('listitem').count()).toBe(6);
    expect(await supervisor.page.getByTestId('background-work').textContent()).toContain('No worker process has checked in within the last 45 seconds.');
    expect(await supervisor.page.getByTestId('provisional-today').textContent()).toBe('2');
    // The breakdown table counts it for its first responder too.
    await supervisor.page.getByTestId('breakdown').getByRole('row', { name: /Li Wei/ }).getByText('100%').first().waitFor();
    // ...and says so, since a supervisor would otherwise read the row as "who resolved it".
    expect(await supervisor.page.getByTestId('breakdown').getByRole('columnheader').first().textContent()).toBe('First responder');
    expect(await supervisor.page.getByTestId('breakdown-hint').textContent()).toMatch(/counts for its first responder/);
    await agent.page.getByTestId('ticket-status').filter({ hasText: 'Resolved' }).waitFor();

    await screenshot(supervisor.page, 'supervisor-dashboard', { fullPage: true, doc: true });
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
  });

  it("shows each agent's presence in the load table: offline until their console is open, then as they choose in its header", async () => {
    const supervisor = await open();
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const liPresence = () => supervisor.page.locator('tr', { has: supervisor.page.getByRole('rowheader', { name: 'Li Wei', exact: true }) }).getByTestId('agent-presence');
    const shown = async () => (await liPresence().innerText()).trim();
    expect(await shown()).toBe('Offline');

    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const status = agent.page.getByLabel('Availability', { exact: true });
    await status.waitFor();
    expect(await status.inputValue()).toBe('online');
    const seen = async (presence: string) => {
      for (let i = 0; i < 20; i++) {
        await supervisor.page.reload();
        await liPresence().waitFor();
        if ((await shown()) === presence) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`Li Wei never showed as ${presence}`);
    };
    await seen('Online');
    await status.selectOption('away');
    await seen('Away');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
    await screenshot(agent.page, 'agent-availability-away');
    // The choice is remembered; the console closed, the agent is offline whatever they chose.
    await agent.page.close();
    await seen('Offline');
    expect((await stack.http.get('/api/agents/me/availability').set(li.auth).expect(200)).body).toEqual({ availability: 'away', presence: 'offline' });
    await stack.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'online' }).expect(200);
  });

  it('reassigns an unclaimed ticket from the dashboard, with a reason, from the keyboard', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Broken screen on arrival' });
    const supervisor = await open();
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const button = supervisor.page.getByTestId('unclaimed').getByRole('button', { name: `Reassign ${ticket.code}` });
    await button.focus();
    await supervisor.page.keyboard.press('Enter');
    const dialog = supervisor.page.getByTestId('reassign-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('New owner').selectOption({ label: 'Li Wei (Agent) · Offline' });
    await dialog.getByLabel('Reason').fill('Li knows this customer');
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
    await screenshot(supervisor.page, 'supervisor-reassign');
    await dialog.getByLabel('Reason').press('Enter');
    await supervisor.page.getByText(`${ticket.code} reassigned to Li Wei.`).waitFor();
    await supervisor.page.getByTestId('unclaimed').getByText(ticket.code).waitFor({ state: 'detached' }).catch(async () => {
      // the list may have emptied altogether
      expect(await supervisor.page.getByTestId('unclaimed').count()).toBe(0);
    });
    const [row] = await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row.owner_id).toBe(li.id);
  });

  it("reassigns an owned ticket from the ticket's own page (the owner cannot carry on), offering only people who take tickets, live in the owner's console", async () => {
    const zhang = await stack.factory.agent('agent', li.teamId, 'Zhang Min');
    const ticket = await stack.factory.customerTicket({ subject: 'Refund stuck' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const [owner, supervisor] = await Promise.all([open(), open()]);
    await Promise.all([
      signIn(owner.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD),
      signIn(supervisor.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, boss.email, TEST_PASSWORD),
    ]);
    await owner.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    const panel = supervisor.page.getByTestId('supervisor-reassign');
    await panel.getByRole('button', { name: `Reassign ${ticket.code}` }).click();
    const dialog = supervisor.page.getByTestId('reassign-dialog');
    await dialog.waitFor();
    // Neither the present owner nor the supervisor (who takes no tickets) is offered.
    expect(await dialog.getByLabel('New owner').locator('option').allTextContents()).toEqual(['Choose…', 'Zhang Min (Agent) · Offline']);
    await dialog.getByLabel('New owner').selectOption({ label: 'Zhang Min (Agent) · Offline' });
    await dialog.getByLabel('Reason').fill('Li is on leave from today');
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Reassign now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await supervisor.page.getByTestId('ownership').filter({ hasText: 'Zhang Min' }).waitFor();
    await owner.page.getByTestId('ownership').filter({ hasText: 'Zhang Min' }).waitFor({ timeout: 10_000 });
    const [row] = await stack.database.db.query(`SELECT owner_id, transfer_count FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row).toEqual({ owner_id: zhang.id, transfer_count: 1 });
    // An agent sees no such control.
    expect(await owner.page.getByTestId('supervisor-reassign').count()).toBe(0);
  });

  it("does not offer a breaching ticket's owner in the dashboard's Reassign dialog", async () => {
    const gao = await stack.factory.agent('agent', li.teamId, 'Gao Yan');
    const ticket = await stack.factory.customerTicket({ subject: 'Parcel lost twice' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.database.db.query(`UPDATE tickets SET resolution_due_at = now() - interval '1 hour' WHERE id = $1`, [ticket.id]);
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.getByTestId('breaching').getByRole('button', { name: `Reassign ${ticket.code}` }).click();
    const choices = await page.getByTestId('reassign-dialog').getByLabel('New owner').locator('option').allTextContents();
    expect(choices).toContain(`${gao.name} (Agent) · Offline`);
    expect(choices.filter((c) => c.startsWith('Li Wei'))).toEqual([]);
  });

  it('asks before disabling an agent: dismissed, nothing changes; confirmed, they are disabled', async () => {
    const temp = await stack.factory.agent('agent', null, 'Tia Temp');
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/people`);
    const row = page.getByTestId('people-table').locator(`[data-agent="${temp.email}"]`);
    const asked: string[] = [];
    page.once('dialog', (dialog) => void (asked.push(dialog.message()), dialog.dismiss()));
    await row.getByRole('button', { name: 'Disable Tia Temp' }).click();
    for (let i = 0; i < 50 && asked.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toEqual(['Disable Tia Temp? They are signed out everywhere at once and cannot sign in until someone enables them again.']);
    const active = async () => (await stack.database.db.query(`SELECT active FROM agents WHERE id = $1`, [temp.id]))[0].active as boolean;
    expect(await active()).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Disable Tia Temp' }).click();
    await row.getByRole('button', { name: 'Enable Tia Temp' }).waitFor();
    expect(await active()).toBe(false);
  });

  it("offers a supervisor on the People page only what the API lets a supervisor do: agents' and seniors' roles, no admin's row", async () => {
    const admin = await stack.factory.agent('admin', null, 'Ada Admin');
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/people`);
    const table = page.getByTestId('people-table');
    const adminRow = table.locator(`[data-agent="${admin.email}"]`);
    await adminRow.waitFor();
    expect(await adminRow.getByLabel('Role of Ada Admin').isDisabled()).toBe(true);
    expect(await adminRow.getByRole('button', { name: /Disable/ }).count()).toBe(0);
    const liRow = table.locator(`[data-agent="${li.email}"]`);
    expect(await liRow.getByLabel('Role of Li Wei').locator('option').allTextContents()).toEqual(['Agent', 'Senior agent']);
    expect(await liRow.getByRole('button', { name: 'Disable Li Wei' }).count()).toBe(1);
    expect(await page.getByLabel('Role', { exact: true }).locator('option').allTextContents()).toEqual(['Agent', 'Senior agent']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // An agent who opens the dashboard is told their role in words too.
    const { page: agentPage } = await open();
    await agentPage.goto(`${stack.baseUrl}/supervisor`);
    await agentPage.getByLabel('Email').fill(li.email);
    await agentPage.getByLabel('Password').fill(TEST_PASSWORD);
    await agentPage.getByRole('button', { name: 'Sign in' }).click();
    await agentPage.getByRole('alert').filter({ hasText: 'You are signed in as Li Wei (Agent).' }).waitFor();
  });

  it('a supervisor demoted since signing in sees the notice for their new role on the next load, not the dashboard', async () => {
    const team = await stack.factory.team('Evening Desk');
    const zhou = await stack.factory.agent('supervisor', team, 'Zhou Min');
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/supervisor`, zhou.email, TEST_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Supervisor pages' });
    await nav.waitFor();
    // Another admin makes them an agent while the tab keeps its sign-in (and its stored role).
    await stack.database.db.query(`UPDATE agents SET role = 'agent' WHERE id = $1`, [zhou.id]);
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'You are signed in as Zhou Min (Agent).' }).waitFor();
    expect(await nav.count()).toBe(0);
  });

  it('lists the SMS the budgets refused, with ticket, number and reason, and no other SMS', async () => {
    // Refusing is the worker's (test/e2e/worker-sms-budget.spec.ts) and this stack runs none: the rows are stored as it stores them.
    const ticket = await stack.factory.customerTicket({ subject: 'You won a prize' }, { name: 'Caller One', phone: '+86 139 0000 1000' });
    const reason = 'more than 5 SMS to +86 numbers in an hour, and no agent has taken on this customer yet';
    const store = `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts, last_error)
      SELECT gen_random_uuid(), $2, ticket_id, id, 'received', 'customer', 'Caller One', 'sms', $3, 'en', 'We have your request.', $4, 0, 5, $5
      FROM ticket_events WHERE ticket_id = $1 AND seq = 1`;
    await stack.database.db.query(store, [ticket.id, `${ticket.id}:refused`, '+8613900001000', 'refused', reason]);
    await stack.database.db.query(store, [ticket.id, `${ticket.id}:sent`, '+8613900009999', 'sent', null]);

    const supervisor = await open();
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const panel = supervisor.page.getByTestId('refused-sms');
    const row = panel.locator('tbody tr').filter({ hasText: ticket.code });
    await row.waitFor();
    const text = await row.innerText();
    for (const shown of ['Acknowledgement', 'Caller One', '+8613900001000', reason]) expect(text).toContain(shown);
    expect(text).not.toContain('received');
    expect(await panel.locator('tbody tr').count()).toBe(1);
    expect(await panel.innerText()).not.toContain('+8613900009999');
  });

  it('names a failed webhook by its URL once, and its kind as the event integrations subscribe to', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Hook target gone' });
    const url = `https://crm.example.com/hooks/${ticket.code.toLowerCase()}`;
    await stack.database.db.query(
      `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts, last_error)
       SELECT gen_random_uuid(), $2, ticket_id, id, 'created', 'endpoint', $3, 'webhook', $3, 'en', '{}', 'failed', 5, 5, 'gone: 410'
       FROM ticket_events WHERE ticket_id = $1 AND seq = 1`,
      [ticket.id, `${ticket.id}:hook`, url],
    );
    const supervisor = await open();
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const row = supervisor.page.getByTestId('notifications').locator('tbody tr').filter({ hasText: ticket.code });
    await row.waitFor();
    const text = await row.innerText();
    expect(text.split(url).length - 1).toBe(1);
    expect(text).toContain('Webhook');
    expect(text).toContain('created');
  });

  it('lists the oldest unclaimed tickets of a backlog by name and counts the rest from the live figures, with those the bot holds', async () => {
    const db = stack.database.db;
    const [{ id: customer }] = await db.query(`INSERT INTO customers (name, email) VALUES ('Backlog Customer', 'aging@example.com') RETURNING id`);
    // 130 unclaimed from two days ago, older than any other; every tenth held by the bot for another hour.
    await db.query(
      `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, customer_id, created_at, first_response_due_at, resolution_due_at, bot_outcome, bot_hold_until, last_seq)
       SELECT 'FH-AG' || lpad(i::text, 3, '0'), 'h', 'Aging ' || i, 'd', 'web', 'question', 'normal', 'standard', 'new', $1,
              now() - interval '2 days' - i * interval '1 minute', now() + interval '1 hour', now() + interval '2 days',
              CASE WHEN i % 10 = 0 THEN 'held' END, CASE WHEN i % 10 = 0 THEN now() + interval '1 hour' END, 1
       FROM generate_series(1, 130) i`,
      [customer],
    );
    try {
      const [{ unclaimed, held }] = await db.query(
        `SELECT count(*)::int AS unclaimed, count(*) FILTER (WHERE bot_outcome = 'held' AND bot_hold_until > now())::int AS held FROM tickets WHERE status = 'new'`,
      );
      const supervisor = await open();
      await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
      const panel = supervisor.page.getByTestId('unclaimed');
      await panel.getByText('FH-AG130').waitFor();
      // The 15 oldest, oldest first; FH-AG130 and FH-AG120 among them are held.
      const listed = await panel.locator('tbody tr th a').allTextContents();
      expect(listed).toEqual(Array.from({ length: 15 }, (_, k) => `FH-AG${130 - k}`));
      expect(await panel.getByTestId('bot-holds').count()).toBe(2);
      expect(await supervisor.page.getByTestId('unclaimed-more').textContent()).toBe(
        `…and ${unclaimed - 15} more, newer (${held - 2} of them held by the bot, waiting for the customer).`,
      );
      expect(unclaimed).toBeGreaterThan(115);
    } finally {
      await db.query(`DELETE FROM tickets WHERE code LIKE 'FH-AG%'`);
    }
  });

  it('says at the top which work no worker process runs, and lists the processes that check in', async () => {
    const checkIn = (roles: string[], pid: number) =>
      stack.database.db.query(`INSERT INTO worker_processes (id, hostname, pid, roles, started_at, seen_at) VALUES (gen_random_uuid(), 'worker-a', $1, $2::text[], now(), now())`, [pid, roles]);
    await checkIn(['relays', 'events', 'deliveries', 'mail', 'maintenance'], 7001);
    try {
      const supervisor = await open();
      await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
      const notice = supervisor.page.getByTestId('uncovered-work');
      await notice.waitFor();
      expect(await notice.getAttribute('role')).toBe('alert');
      expect(await notice.getByRole('listitem').allTextContents()).toEqual(['SLA warnings and escalations (timers)']);
      const panel = supervisor.page.getByTestId('background-work');
      expect(await panel.getByRole('row', { name: /worker-a · 7001/ }).textContent()).toContain('relays, events, deliveries, mail, maintenance');
      expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
      // In Chinese the roles are worded too, each with the name WORKER_ROLES takes.
      const zh = await open({ locale: 'zh-CN' });
      await signIn(zh.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
      const zhRow = zh.page.getByTestId('background-work').getByRole('row', { name: /worker-a · 7001/ });
      await zhRow.waitFor();
      expect(await zhRow.textContent()).toContain('事件转交（relays）、事件处理（events）、消息发送（deliveries）、收取邮件（mail）、日常维护（maintenance）');

      // Once a process runs the timers, the next read of the roster (on load, then every 15 s) clears the warning.
      await checkIn(['timers'], 7002);
      await supervisor.page.reload();
      await panel.getByText('All background work is running, in 2 worker process(es).').waitFor();
      expect(await notice.count()).toBe(0);
    } finally {
      await stack.database.db.query(`DELETE FROM worker_processes WHERE pid IN (7001, 7002)`);
    }
  });
});
