import type { Browser, Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually, HttpSink, SmtpCatcher } from '../support/notification-sinks.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/**
 * Issue 12's "defects found in use", each walked in real Chromium against the built API, gateway and
 * a worker (its email and SMS going to local sinks), as the agent, the customer and the supervisor
 * met them.
 */
describe('workspace defects (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let smtp: SmtpCatcher;
  let sms: HttpSink;
  let li: TestAgent;
  let zhang: TestAgent;
  let boss: TestAgent;
  let admin: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 1000 } });
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);
  const queueRow = (page: Page, code: string): Locator => page.locator(`[data-testid="list-queue"] [data-ticket-code="${code}"]`);
  const trackUrl = (ticket: { code: string; trackingToken: string }) => `${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`;
  const query = async (sql: string, params: unknown[]) => (await stack.database.db.query(sql, params)) as Array<Record<string, unknown>>;

  beforeAll(async () => {
    [smtp, sms] = await Promise.all([SmtpCatcher.start(), HttpSink.start()]);
    [stack, browser] = await Promise.all([
      startWebStack({ workerEnv: { SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url('/sms'), SMS_GATEWAY_KEY: 'k', NOTIFY_TIME_ZONE: 'Asia/Shanghai' } }),
      launchChromium(),
    ]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    zhang = await stack.factory.agent('agent', team, 'Zhang Min');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
    admin = await stack.factory.agent('admin', null, 'Ada Admin');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await smtp?.stop();
    await sms?.stop();
  });

  it('a complaint stands out in the queue, on the ticket and on the dashboard, with its 24-hour clock, and has its own dashboard list', async () => {
    const complaint = await stack.factory.customerTicket({ kind: 'complaint', subject: 'The courier was rude' });
    const question = await stack.factory.customerTicket({ kind: 'question', subject: 'Opening hours' });
    // A clock with more than a day to run (its cap counted on a business calendar) still reads in hours: "24h 10m", not "1d 0h".
    const later = await stack.factory.customerTicket({ kind: 'complaint', subject: 'Parcel left in the rain' });
    await stack.database.db.query(`UPDATE tickets SET resolution_due_at = now() + interval '24 hours 10 minutes' WHERE id = $1`, [later.id]);
    const [agent, supervisor] = await Promise.all([open(), open()]);
    await Promise.all([signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD), signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD)]);

    const row = queueRow(agent.page, complaint.code);
    await row.getByTestId('complaint-marker').filter({ hasText: /^Complaint · 24-hour clock: 23h \d+m left$/ }).waitFor();
    expect(await row.getAttribute('data-kind')).toBe('complaint');
    await queueRow(agent.page, later.code).getByTestId('complaint-marker').filter({ hasText: /^Complaint · 24-hour clock: 24h \d+m left$/ }).waitFor();
    await queueRow(agent.page, question.code).waitFor();
    expect(await queueRow(agent.page, question.code).getByTestId('complaint-marker').count()).toBe(0);
    await row.getByRole('link').click();
    await agent.page.getByTestId('ticket-page').getByTestId('complaint-marker').filter({ hasText: /24-hour clock/ }).waitFor();
    await screenshot(agent.page, 'defects-complaint-agent');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);

    const list = supervisor.page.getByTestId('complaints');
    const entry = list.locator(`[data-ticket-code="${complaint.code}"]`);
    await entry.getByTestId('complaint-marker').filter({ hasText: /24-hour clock: 23h/ }).waitFor();
    await entry.getByText('The courier was rude').waitFor();
    expect(await entry.getByRole('link', { name: complaint.code }).getAttribute('href')).toBe(`/agent/tickets/${complaint.id}`);
    expect(await list.getByText(question.code).count()).toBe(0);
    // In the unclaimed list as well.
    await supervisor.page.getByTestId('unclaimed').getByRole('row', { name: new RegExp(complaint.code) }).getByTestId('complaint-marker').waitFor();
    expect(await supervisor.page.getByTestId('unclaimed').getByRole('row', { name: new RegExp(question.code) }).getByTestId('complaint-marker').count()).toBe(0);
    await screenshot(supervisor.page, 'defects-complaint-dashboard', { fullPage: true });
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
  });

  it('on an unowned ticket the composer starts on an internal note; a public reply says it claims, asks once, then claims', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Wrong colour delivered' });
    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, zhang.email, TEST_PASSWORD);
    const composer = agent.page.locator('form.composer');
    expect(await composer.getByLabel('Internal note (agents only)').isChecked()).toBe(true);
    expect(await composer.getByLabel('Public reply (the customer sees it)').isChecked()).toBe(false);

    // A colleague's note stays a note and claims nothing.
    await composer.getByLabel('Message', { exact: true }).fill('Photo shows blue, order says red.');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await agent.page.getByTestId('timeline').locator('[data-type="internal_note_added"]').getByText('Photo shows blue').waitFor();
    expect((await query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]))[0].owner_id).toBeNull();

    // Choosing a public reply: the button says it takes ownership, and asks before sending.
    await composer.getByLabel('Public reply (the customer sees it)').check();
    await composer.getByLabel('Message', { exact: true }).fill('We are sending the red one today.');
    await composer.getByRole('button', { name: 'Reply and take ownership' }).click();
    const confirm = composer.getByTestId('confirm-claim');
    await confirm.getByText(`This public reply makes you the owner of ${ticket.code}.`, { exact: false }).waitFor();
    expect((await query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'agent_replied'`, [ticket.id]))[0].n).toBe(0);
    await screenshot(agent.page, 'defects-composer-confirm');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
    // Cancel leaves everything as it was; confirming sends and claims.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await composer.getByRole('button', { name: 'Reply and take ownership' }).click();
    await composer.getByRole('button', { name: 'Yes, reply and take ownership' }).click();
    await agent.page.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    await agent.page.getByTestId('timeline').locator('[data-type="agent_replied"]').getByText('We are sending the red one today.').waitFor();
    const [row] = await query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row.owner_id).toBe(zhang.id);
    const replies = await query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'agent_replied'`, [ticket.id]);
    expect(replies[0].n).toBe(1);
    // Now the owner: public reply is the default, and the button is plain "Send".
    expect(await composer.getByLabel('Public reply (the customer sees it)').isChecked()).toBe(true);
    await composer.getByRole('button', { name: 'Send', exact: true }).waitFor();

    // A supervisor gives the ticket to Li while Zhang writes to the customer: the draft stays, and the
    // composer says out loud that it can no longer reach the customer (it is a note now).
    await composer.getByLabel('Message', { exact: true }).fill('Your refund is on its way, expect it by Friday.');
    await stack.http.post(`/api/tickets/${ticket.id}/reassign`).set(boss.auth).send({ toAgentId: li.id, reason: 'Zhang is off tomorrow' }).expect(200);
    const warning = composer.getByTestId('draft-turned-internal');
    await warning.getByText('Li Wei owns this ticket now, so your reply can no longer go to the customer', { exact: false }).waitFor({ timeout: 8000 });
    expect(await composer.getByLabel('Internal note (agents only)').isChecked()).toBe(true);
    expect(await composer.getByLabel('Message', { exact: true }).inputValue()).toBe('Your refund is on its way, expect it by Friday.');
    await composer.getByLabel('Message', { exact: true }).fill('');
    await warning.waitFor({ state: 'detached' });
  });

  it("shows the customer's description on the agent's ticket page, open, and to the customer on the tracking page", async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Kettle leaks', description: 'Water pools under the kettle after each use.' });
    const [agent, customer] = await Promise.all([open(), open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })]);
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const description = agent.page.getByTestId('ticket-description');
    await description.getByText('Water pools under the kettle after each use.').waitFor({ state: 'visible' });
    expect(await agent.page.locator('.ticket-header details').count()).toBe(0);

    await customer.page.goto(trackUrl(ticket));
    await customer.page.getByTestId('track-description').getByText('Water pools under the kettle after each use.').waitFor({ state: 'visible' });
    await customer.page.getByRole('heading', { name: 'What you wrote' }).waitFor();
    expect(await seriousA11yViolations(customer.page)).toEqual([]);
  });

  it("live notices and the agent's emails come in the console's language (not the one stored before), with a time, and can be dismissed", async () => {
    await query(`UPDATE agents SET locale = 'zh-CN' WHERE id = $1`, [li.id]);
    try {
      const ticket = await stack.factory.customerTicket({ subject: 'Refund not received' }, { name: 'Ana Costa' });
      await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      const agent = await open();
      await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
      // The console stores the language it is read in as the agent's own (for their emails too).
      await eventually(async () => (await query(`SELECT locale FROM agents WHERE id = $1`, [li.id]))[0].locale === 'en', 10_000, 'the console language stored');
      await stack.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'Any news?' }).expect(201);

      const notices = agent.page.getByTestId('agent-notices');
      const notice = notices.locator(`li[data-ticket-code="${ticket.code}"][data-kind="customer_replied"]`);
      await notice.getByRole('link', { name: `${ticket.code}: Ana Costa replied` }).waitFor({ timeout: 10_000 });
      expect(await notice.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
      const time = notice.locator('time');
      expect(Date.parse((await time.getAttribute('datetime'))!)).toBeGreaterThan(Date.now() - 60_000);
      expect(await time.textContent()).toMatch(/\d{1,2}:\d{2}/);
      // The worker's email went out in that language too, not in the Chinese stored before.
      const email = await eventually(() => smtp.to(li.email).find((e) => e.subject.includes(ticket.code)), 15_000, "the owner's email");
      expect(email.subject).not.toMatch(/[\u4e00-\u9fff]/);
      await screenshot(agent.page, 'defects-agent-notice');
      expect(await seriousA11yViolations(agent.page)).toEqual([]);

      // Switched to Chinese, the same notice reads in Chinese.
      await agent.page.getByLabel('Language').selectOption('zh-CN');
      await notice.getByRole('link', { name: `${ticket.code}：Ana Costa 回复了` }).waitFor();
      await agent.page.getByLabel('语言').selectOption('en');

      await notice.getByRole('button', { name: `Dismiss the notice about ${ticket.code}` }).click();
      await notice.waitFor({ state: 'detached' });
    } finally {
      await query(`UPDATE agents SET locale = 'en' WHERE id = $1`, [li.id]);
    }
  });

  it('a ticket the customer reopens (by replying) comes back into its owner\'s "My tickets" live, with a notice and an email', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Printer offline' }, { name: 'Ben Ho' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Driver reinstalled' }).expect(200);

    const [agent, customer] = await Promise.all([open(), open()]);
    await signIn(agent.page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await agent.page.getByRole('tab', { name: /My tickets/ }).click();
    const mine = agent.page.getByRole('tabpanel');
    await mine.waitFor();
    expect(await mine.getByText(ticket.code).count()).toBe(0);

    // The customer replies on the resolved issue: the page says this reopens it, and it does (no "Something went wrong").
    await customer.page.goto(trackUrl(ticket));
    await customer.page.getByTestId('reply-reopens').getByText(/Writing here reopens it/).waitFor();
    await customer.page.getByLabel('Your reply').fill('It went offline again this morning.');
    await customer.page.getByRole('button', { name: 'Send reply' }).click();
    await customer.page.getByTestId('track-status').filter({ hasText: 'In progress' }).waitFor({ timeout: 5000 });
    await customer.page.getByTestId('customer-timeline').getByText('It went offline again this morning.').waitFor();
    expect(await customer.page.getByText(/Something went wrong/).count()).toBe(0);

    await agent.page.locator(`[data-testid="list-mine"] [data-ticket-code="${ticket.code}"]`).waitFor({ timeout: 5000 });
    await agent.page.getByTestId('agent-notices').getByRole('link', { name: `${ticket.code}: Ben Ho reopened it` }).waitFor({ timeout: 10_000 });
    const email = await eventually(() => smtp.to(li.email).find((e) => e.subject === `[${ticket.code}] Ben Ho reopened the ticket`), 15_000, 'the reopen email');
    expect(email.text).toContain('Printer offline');
    await screenshot(agent.page, 'defects-reopened-mine');
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });

  it('past the reopen window the tracking page says why not and offers a new issue; the API refuses with a 4xx, never a 5xx', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Lamp flickers' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    const customer = await open();
    await customer.page.goto(trackUrl(ticket));
    const form = customer.page.getByLabel('Your reply');
    await form.waitFor();
    // The window closes while the page is open: the refusal is explained, not "Something went wrong".
    await query(`UPDATE tickets SET resolved_at = now() - interval '8 days' WHERE id = $1`, [ticket.id]);
    await form.fill('It flickers again.');
    const answered = customer.page.waitForResponse((r) => r.url().endsWith(`/api/track/${ticket.code}/messages`));
    await customer.page.getByRole('button', { name: 'Send reply' }).click();
    expect((await answered).status()).toBe(409);
    const closed = customer.page.getByTestId('reopen-closed');
    await closed.getByText(/can no longer be reopened/).waitFor();
    await closed.getByText(new RegExp(`mention ${ticket.code}`)).waitFor();
    expect(await closed.getByRole('link', { name: 'Open a new issue' }).getAttribute('href')).toBe('/');
    expect(await customer.page.getByText(/Something went wrong/).count()).toBe(0);

    // Opened afresh, the page says so at once instead of offering a reply that would fail.
    await customer.page.reload();
    await customer.page.getByTestId('reopen-closed').waitFor();
    expect(await customer.page.getByLabel('Your reply').count()).toBe(0);
    await screenshot(customer.page, 'defects-reopen-window-over', { fullPage: true });
    expect(await seriousA11yViolations(customer.page)).toEqual([]);
  });

  it('the dashboard names and links live escalations, links every ticket, translates the reassign confirmation, and leaves out staff who take no tickets', async () => {
    const escalated = await stack.factory.customerTicket({ subject: 'Server room flooded' });
    await stack.http.post(`/api/tickets/${escalated.id}/claim`).set(li.auth).expect(200);
    const unclaimed = await stack.factory.customerTicket({ subject: 'Password reset loop' });
    const supervisor = await open();
    await signIn(supervisor.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);

    await stack.http.post(`/api/tickets/${escalated.id}/escalate`).set(li.auth).send({ reason: 'Customer threatens to cancel' }).expect(200);
    const escalation = supervisor.page.getByTestId('escalations').locator(`li[data-ticket-id="${escalated.id}"]`).first();
    await escalation.getByRole('link', { name: escalated.code }).waitFor({ timeout: 5000 });
    await escalation.getByText('Server room flooded').waitFor();
    expect(await escalation.textContent()).not.toContain(escalated.id.slice(0, 8));
    expect(await escalation.getByRole('link', { name: escalated.code }).getAttribute('href')).toBe(`/agent/tickets/${escalated.id}`);
    expect(await supervisor.page.getByTestId('unclaimed').getByRole('link', { name: unclaimed.code }).getAttribute('href')).toBe(`/agent/tickets/${unclaimed.id}`);
    // It is escalated now, listed as such (live, and for a supervisor who opens the dashboard later).
    const now = supervisor.page.getByTestId('escalated-now').locator(`li[data-ticket-id="${escalated.id}"]`);
    await now.getByText('level 2').waitFor({ timeout: 5000 });
    const later = await open();
    await signIn(later.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const seenLater = later.page.getByTestId('escalated-now').locator(`li[data-ticket-id="${escalated.id}"]`);
    await seenLater.getByRole('link', { name: escalated.code }).waitFor();
    expect(await seenLater.textContent()).toContain('Li Wei');
    await later.page.close();

    // Agent load: agents only (the supervisor and the admin own nothing).
    const load = supervisor.page.getByRole('region', { name: 'Agent load' });
    await load.getByRole('rowheader', { name: 'Li Wei' }).waitFor();
    expect(await load.getByRole('rowheader', { name: 'Wang Fang' }).count()).toBe(0);
    expect(await load.getByRole('rowheader', { name: 'Ada Admin' }).count()).toBe(0);

    // A link opens the ticket in the console, signed in as the same person.
    await escalation.getByRole('link', { name: escalated.code }).click();
    await supervisor.page.getByTestId('ticket-page').filter({ has: supervisor.page.getByText('Server room flooded') }).waitFor();
    await supervisor.page.goBack();

    // In Chinese, the reassign dialog and its confirmation are Chinese.
    await supervisor.page.getByLabel('Language').selectOption('zh-CN');
    await supervisor.page.getByTestId('unclaimed').getByRole('button', { name: `改派 ${unclaimed.code}` }).click();
    const dialog = supervisor.page.getByTestId('reassign-dialog');
    // Each person is named with their role and where they are now (Li has no console open).
    await dialog.getByLabel('新负责人').selectOption({ label: 'Li Wei（客服） · 离线' });
    await dialog.getByLabel('原因').fill('他熟悉这位客户');
    await dialog.getByRole('button', { name: '立即改派' }).click();
    const done = supervisor.page.getByTestId('reassigned');
    await done.getByText(`${unclaimed.code} 已改派给 Li Wei。`).waitFor();
    expect(await done.textContent()).not.toMatch(/reassigned/i);
    await screenshot(supervisor.page, 'defects-dashboard-zh-CN', { fullPage: true });
    expect(await seriousA11yViolations(supervisor.page)).toEqual([]);
    // The confirmation follows the language switch.
    await supervisor.page.getByLabel('语言').selectOption('en');
    await done.getByText(`${unclaimed.code} reassigned to Li Wei.`).waitFor();
  });

  it('the handoff picker offers only colleagues who take tickets, those at their console first, each with their presence as of the picker\'s focus', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Cannot print labels' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const picker = agent.page.getByLabel('Hand off to');
    await picker.locator('option', { hasText: 'Zhang Min · Offline' }).waitFor({ state: 'attached' });
    const options = (await picker.locator('option').allTextContents()).map((label) => label.split(' · ')[0]);
    expect(options).toContain('Zhang Min');
    expect(options).not.toContain('Wang Fang');
    expect(options).not.toContain('Ada Admin');
    expect(options).not.toContain('Li Wei');

    // Zhang opens the console: the picker, focused again, says so and offers him first.
    const colleague = await open();
    await signIn(colleague.page, `${stack.baseUrl}/agent`, zhang.email, TEST_PASSWORD);
    await eventually(async () => (await stack.http.get('/api/colleagues').set(li.auth).expect(200)).body.items.some((c: { name: string; presence: string }) => c.name === 'Zhang Min' && c.presence === 'online'), 10_000, 'Zhang online');
    await agent.page.getByLabel('Note for the next owner').focus();
    await picker.focus();
    await picker.locator('option', { hasText: 'Zhang Min · Online' }).waitFor({ state: 'attached', timeout: 5000 });
    expect((await picker.locator('option').allTextContents())[1]).toBe('Zhang Min · Online');
    await colleague.page.close();
  });

  it('times say their zone on the pages (in the browser\'s zone), and the SMS states it', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Meter reading' }, { email: undefined, phone: '+8613800000999' });
    const [agent, customer] = await Promise.all([open({ timezoneId: 'Europe/Berlin' }), open({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })]);
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const created = agent.page.getByTestId('timeline').locator('[data-type="created"] time');
    expect(await created.textContent()).toMatch(/GMT\+1$/);
    await customer.page.goto(trackUrl(ticket));
    await customer.page.getByTestId('promise').getByText(/GMT\+8/).first().waitFor();

    const text = await eventually(() => sms.at('/sms').map((r) => JSON.parse(r.body) as { to: string; text: string }).find((m) => m.to === '+8613800000999')?.text, 15_000, 'the acknowledgement SMS');
    expect(text).toMatch(/\d{1,2}:\d{2}( [AP]M)? \(GMT\+8\)/);
  });

  it('zh-CN tells tier Standard from priority Normal, and the two claim buttons have different accessible names', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Bill too high' });
    const agent = await open({ locale: 'zh-CN' });
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, zhang.email, TEST_PASSWORD);
    // allTextContents does not wait: wait for the row's priority badge (the last to render) first.
    const meta = queueRow(agent.page, ticket.code).locator('.queue-meta .badge');
    await meta.filter({ hasText: '普通' }).waitFor();
    const badges = await meta.allTextContents();
    expect(badges).toContain('标准');
    expect(badges).toContain('普通');
    expect(new Set(badges).size).toBe(badges.length);

    // The open ticket's banner and its queue row both offer a claim, under names of their own.
    await agent.page.getByTestId('ownership').getByRole('button').waitFor();
    const names = await agent.page.getByRole('button', { name: new RegExp(ticket.code) }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent));
    expect(names).toEqual(expect.arrayContaining([`认领 ${ticket.code}`, `从队列认领 ${ticket.code}`]));
    expect(new Set(names).size).toBe(names.length);
    expect(await agent.page.getByRole('button', { name: `认领 ${ticket.code}`, exact: true }).count()).toBe(1);
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });
});
