import type { Browser } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually, HttpSink, SmtpCatcher } from '../support/notification-sinks.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** What the worker tells people, on their screens: pushed agent notices, and the supervisors' dead letters with retry. */
describe('worker notices in the web app (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let smtp: SmtpCatcher;
  let sms: HttpSink;
  let li: TestAgent;
  let sam: TestAgent;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 1000 } });
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);

  beforeAll(async () => {
    [smtp, sms] = await Promise.all([SmtpCatcher.start(), HttpSink.start()]);
    sms.answer = () => 503; // the SMS gateway is down until the test says otherwise
    [stack, browser] = await Promise.all([
      startWebStack({
        workerEnv: {
          SMTP_URL: smtp.url,
          SMS_GATEWAY_URL: sms.url('/sms'),
          SMS_GATEWAY_KEY: 'k',
          NOTIFY_MAX_ATTEMPTS: '2',
          NOTIFY_RETRY_BASE_MS: '100',
          NOTIFY_RETRY_MAX_MS: '200',
        },
      }),
      launchChromium(),
    ]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    sam = await stack.factory.agent('agent', team, 'Sam Park');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await smtp?.stop();
    await sms?.stop();
  });

  /**
   * Li owns a new ticket and offers it to Sam, whose console is open on "Handoffs for me" (empty): the
   * offer arrives there and as a notice, well inside the console's 30 s safety poll (pushed by the
   * worker through the gateway).
   */
  const offerToSam = async (subject: string, note: string) => {
    const ticket = await stack.factory.customerTicket({ subject });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const samPage = (await open()).page;
    await signIn(samPage, `${stack.baseUrl}/agent`, sam.email, TEST_PASSWORD);
    await samPage.getByRole('tab', { name: /Handoffs for me/ }).click();
    await samPage.getByText('Nobody proposed a handoff to you.').waitFor();
    await stack.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: sam.id, note }).expect(200);
    const notice = samPage.getByTestId('agent-notices').getByRole('link', { name: /Li Wei asks you to take over/ });
    await notice.waitFor({ timeout: 8000 });
    await samPage.getByRole('tabpanel').getByText(ticket.code).first().waitFor({ timeout: 8000 });
    return { ticket, samPage, notice };
  };

  it('a handoff proposed to an agent shows on their screen at once, as a notice and in "Handoffs for me"', async () => {
    const { samPage, notice } = await offerToSam('Refund for a broken kettle', 'Needs the refund tool');
    await notice.click();
    await samPage.getByRole('button', { name: 'Accept handoff' }).waitFor();
    await screenshot(samPage, 'agent-notice-handoff');
    expect(await seriousA11yViolations(samPage)).toEqual([]);
    // Accepted, the proposal is done: its notice leaves the console with it.
    await samPage.getByRole('button', { name: 'Accept handoff' }).click();
    await samPage.getByTestId('ownership').filter({ hasText: 'You own this ticket' }).waitFor();
    await notice.waitFor({ state: 'detached', timeout: 8000 });
  });

  it('a handoff its owner withdraws leaves "Handoffs for me" at once, and the agent is told', async () => {
    const { ticket, samPage, notice: offer } = await offerToSam('Warranty for a cracked screen', 'Sam knows warranties');
    await stack.http.post(`/api/tickets/${ticket.id}/handoff/decline`).set(li.auth).expect(200);
    await samPage.getByTestId('agent-notices').getByText(`${ticket.code}: Li Wei withdrew the handoff`).waitFor({ timeout: 8000 });
    await samPage.getByText('Nobody proposed a handoff to you.').waitFor({ timeout: 8000 });
    await offer.waitFor({ state: 'detached', timeout: 8000 });
  });

  it('a notification that kept failing appears on the supervisor dashboard; Retry sends it', async () => {
    const boardPage = (await open()).page;
    await signIn(boardPage, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const panel = boardPage.getByTestId('notifications');
    await panel.getByText(/No failed notifications|没有/).waitFor();

    const ticket = await stack.factory.customerTicket({ subject: 'Parcel never arrived' }, { phone: '+8613800000777' });
    // The acknowledgement SMS fails twice (503) and is dead-lettered: pushed to the open dashboard.
    const row = panel.getByRole('row', { name: new RegExp(`${ticket.code}.*SMS`) });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('deferred');
    // Named as a supervisor reads it, not by its stored kind.
    expect(await row.locator('th').innerText()).toBe(`${ticket.code} Acknowledgement`);

    sms.answer = () => 200;
    await row.getByRole('button', { name: /Retry/ }).click();
    await panel.getByText('Retry queued.').waitFor();
    const sent = await eventually(async () => {
      const [n] = await stack.database.db.query(`SELECT status, attempts, retry_round FROM notifications WHERE ticket_id = $1 AND channel = 'sms' AND kind = 'received'`, [ticket.id]);
      return n.status === 'sent' ? n : undefined;
    }, 15_000, 'the retried SMS to be sent');
    expect(sent).toEqual({ status: 'sent', attempts: 3, retry_round: 1 });
    // Two refused attempts and the one that got through, all with the same idempotency key.
    const tries = sms.at('/sms').filter((r) => JSON.parse(r.body).to === '+8613800000777');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    await row.waitFor({ state: 'detached' });
    await screenshot(boardPage, 'supervisor-failed-notification-retried', { fullPage: true });
    expect(await seriousA11yViolations(boardPage)).toEqual([]);
  });

  it('under each event the agent sees what the customer was sent and whether it went through, as it happens', async () => {
    sms.answer = () => 503; // this ticket's acknowledgement SMS is refused twice and gives up
    const email = `ana.souza.${Date.now()}@example.com`;
    const ticket = await stack.factory.customerTicket({ subject: 'The tray light blinks' }, { name: 'Ana Souza', email, phone: '+8613800000999' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const { page } = await open();
    // When the page last read the ticket's notifications (to tell a pushed read from a scheduled one).
    let lastRead = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === `/api/tickets/${ticket.id}/notifications`) lastRead = Date.now();
    });
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const timeline = page.getByTestId('timeline');
    const opening = timeline.locator('li[data-type="created"]');

    // The acknowledgement: the email went through, the SMS failed for good (read again until it settled).
    const delivery = (event: typeof opening, channel: string) => event.locator(`[data-testid="customer-delivery"][data-sent-by="${channel}"]`);
    const ackMail = delivery(opening, 'email');
    await ackMail.and(page.locator('[data-state="sent"]')).waitFor({ timeout: 15_000 });
    expect(await ackMail.textContent()).toMatch(new RegExp(`^Email to ${email.replace(/\./g, '\\.')}: sent `));
    const ackSms = delivery(opening, 'sms');
    await ackSms.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 15_000 });
    expect(await ackSms.textContent()).toMatch(/^SMS to \+8613800000999: failed \(.*503/);

    // The reply's email is held by the relay: it shows as on its way, then as sent once the relay lets it through.
    smtp.holdNext(email);
    await page.getByLabel('Message', { exact: true }).fill('Unplug it for ten seconds, then plug it back in.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const reply = timeline.locator('li[data-type="agent_replied"]').filter({ hasText: 'Unplug it for ten seconds' });
    const replyMail = delivery(reply, 'email');
    await replyMail.and(page.locator('[data-state="sending"]')).waitFor({ timeout: 10_000 });
    expect(await replyMail.textContent()).toBe(`Email to ${email}: sending…`);
    await eventually(() => smtp.isHolding(), 10_000, 'the relay to hold the reply');
    smtp.release();
    await replyMail.and(page.locator('[data-state="sent"]')).waitFor({ timeout: 15_000 });
    expect(smtp.to(email).map((m) => m.text).join('\n')).toContain('Unplug it for ten seconds');
    // Every email and SMS the customer was sent shows under its own event, and nothing else does.
    const stored: Array<{ seq: number; channel: string }> = await stack.database.db.query(
      `SELECT e.seq, n.channel FROM notifications n JOIN ticket_events e ON e.id = n.event_id WHERE n.ticket_id = $1 AND n.recipient_type = 'customer' ORDER BY e.seq, n.channel`,
      [ticket.id],
    );
    const shown: string[] = [];
    for (const event of await timeline.locator('li[data-seq]').all()) {
      const seq = await event.getAttribute('data-seq');
      for (const line of await event.getByTestId('customer-delivery').all()) shown.push(`${seq} ${await line.getAttribute('data-sent-by')}`);
    }
    expect(shown).toEqual(stored.map((r) => `${r.seq} ${r.channel}`));
    expect(shown.length).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'agent-customer-deliveries', { fullPage: true });

    // The same in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await eventually(async () => new RegExp(`^邮件至 ${email.replace(/\./g, '\\.')}：已于 .+ 发出$`).test((await replyMail.textContent()) ?? ''), 5000, 'the reply\'s line in Chinese');
    expect(await ackSms.textContent()).toMatch(/^短信至 \+8613800000999：发送失败（.*503/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('语言').selectOption('en');

    // A supervisor sends the failed SMS again once the page has stopped reading (every line settled,
    // its last scheduled read 8 s after the newest event): the retry is pushed, and the open page
    // shows the SMS go through with no new event and no reload.
    await eventually(async () => Date.now() - lastRead > 9_000, 30_000, 'the scheduled reads to end');
    sms.answer = () => 200;
    const [{ id: failedSms }] = await stack.database.db.query(`SELECT id FROM notifications WHERE ticket_id = $1 AND channel = 'sms' AND kind = 'received' AND status = 'failed'`, [ticket.id]);
    await stack.http.post(`/api/notifications/${failedSms}/retry`).set(boss.auth).expect(202);
    await ackSms.and(page.locator('[data-state="sent"]')).waitFor({ timeout: 10_000 });
    expect(await ackSms.textContent()).toMatch(/^SMS to \+8613800000999: sent /);
  });
});
