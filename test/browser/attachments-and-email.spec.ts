import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { CustomerMailer, TINY_PNG } from '../support/mail-sender.js';
import { eventually } from '../support/notification-sinks.js';
import { downloadedText, launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { expectFocused } from './support/focus.js';
import { startWebStack, type WebStack } from './support/web-stack.js';
import { expectNoSidewaysScroll } from './support/page-width.js';

const SUPPORT = 'support@help.example.test';

/** Whether an <img> finished loading real pixels (a CSP refusal or a failed fetch leaves it at 0). */
// Polled from here: waitForFunction would evaluate in the page, which its CSP (rightly) refuses. No DOM types in this file.
const loadedThumbnail = (page: Page, name: string) =>
  eventually(async () => (await page.getByRole('img', { name, exact: true }).first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0, 10_000, `the ${name} thumbnail`);

/** Limits a tenth of the defaults, so the suite moves a tenth of the bytes: 1 MB a file, 2.5 MB a message. */
const MIB = 1024 * 1024;
const ATTACHMENT_LIMITS = { FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES: String(MIB), FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES: String(2.5 * MIB) };

/** Three text files that fit one by one (900,114 bytes each, 879.1 KB) but take 2,700,342 bytes together: over the 2.5 MB a message may carry. */
const PARTS = [1, 2, 3].map((n) => ({ name: `part-${n}.txt`, mimeType: 'text/plain', buffer: Buffer.alloc(900_114, String(n)) }));
const TOO_LARGE = 'These files take 2.6 MB together; one message may carry at most 2.5 MB. Remove some before sending.';
const failedUpload = (scope: Page, name: string) => scope.locator('[data-testid="pending-upload"][data-state="failed"]').filter({ hasText: name });

/**
 * Files and email in the pages, in real Chromium, against the built API, gateway and a worker whose
 * inbound SMTP listener takes real mail.
 */
/** The elements matching `selector` whose text runs out of their own box (over the next one), by their text. */
const spilled = (page: Page, selector: string): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.parentElement.getBoundingClientRect().right + 1).map((el) => el.textContent)`);

describe('attachments and the email channel in the web app (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let mailer: CustomerMailer;
  let li: TestAgent;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser);
  const open = (options?: Parameters<typeof pages.open>[0]) => pages.open(options);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startWebStack({ workerEnv: { INBOUND_SMTP_PORT: '0', MAIL_SUPPORT_ADDRESS: SUPPORT }, apiEnv: ATTACHMENT_LIMITS }),
      launchChromium(),
    ]);
    const port = Number(/FIRSTHAND_INBOUND_SMTP_LISTENING port=(\d+)/.exec(stack.workerOutput())?.[1]);
    expect(port).toBeGreaterThan(0);
    mailer = new CustomerMailer(port);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    mailer?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('a customer attaches a screenshot on the new issue form; a lying file is refused; the agent sees the thumbnail', async () => {
    const { page } = await open();
    await page.goto(stack.baseUrl);
    await page.getByLabel('Your name').fill('Mei Chen');
    await page.getByLabel('Email', { exact: true }).fill('mei.chen@example.com');
    await page.getByLabel('Subject').fill('Checkout button is grey');
    await page.getByLabel('What happened?').fill('See the screenshot.');
    const picker = page.getByLabel('Attach files');
    await picker.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('just text, not a picture') });
    await page.locator('[data-testid="pending-upload"][data-state="failed"]').filter({ hasText: 'fake.png' }).getByText('Not attached: the content of this .png file is not a type we accept').waitFor();
    await page.getByRole('button', { name: 'Remove fake.png' }).click();
    await picker.setInputFiles({ name: 'checkout.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.locator('[data-testid="pending-upload"][data-state="ready"]').filter({ hasText: 'checkout.png' }).waitFor();
    expect(await page.getByTestId('pending-upload').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send my issue' }).click();

    await page.waitForURL(/\/track\/FH-[0-9A-Z]+$/);
    const code = new URL(page.url()).pathname.split('/').pop()!;
    await loadedThumbnail(page, 'checkout.png'); // the customer sees their own file through the tracking token
    const [ticket] = await stack.database.db.query(`SELECT id FROM tickets WHERE code = $1`, [code]);

    const agent = await open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const opened = agent.page.locator('[data-testid="timeline"] [data-type="created"]');
    await opened.getByTestId('attachment-thumbnail').waitFor();
    await loadedThumbnail(agent.page, 'checkout.png');
    await opened.getByText('checkout.png').waitFor();
    expect(await opened.getByTestId('email-badge').count()).toBe(0);
  });

  it('says why each file is refused in the reader\'s language, never shows a file over the limit as the limit, and holds back a message too large before sending', async () => {
    const { page } = await open();
    await page.goto(stack.baseUrl);
    const picker = page.getByLabel('Attach files');
    await picker.setInputFiles([
      { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: TINY_PNG },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('not really a program') },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.alloc(1_100_000) },
    ]);
    await failedUpload(page, 'invoice.pdf').getByText('Not attached: the name says .pdf but the content is PNG', { exact: true }).waitFor();
    await failedUpload(page, 'setup.exe').getByText('Not attached: .exe files are programs or scripts, which are not accepted', { exact: true }).waitFor();
    await failedUpload(page, 'logo.svg').getByText('Not attached: .svg files can carry scripts (SVG, HTML and XML are not accepted)', { exact: true }).waitFor();
    await failedUpload(page, 'big.zip').filter({ hasText: '1.1 MB' }).getByText('Not attached: a file may be at most 1 MB', { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (const name of ['invoice.pdf', 'setup.exe', 'logo.svg', 'big.zip']) await page.getByRole('button', { name: `Remove ${name}` }).click();

    // Each part fits on its own; together they are more than one message carries: said at once, in MB, and Send sends nothing.
    for (const part of PARTS) await picker.setInputFiles(part);
    await page.getByTestId('attachments-over-limit').getByText(TOO_LARGE, { exact: true }).waitFor();
    await page.locator('[data-testid="pending-upload"][data-state="ready"]').nth(2).waitFor();
    expect(await page.locator('[data-testid="pending-upload"]').filter({ hasText: '879.1 KB' }).count()).toBe(3);
    const subject = `Three parts ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Your name').fill('Mei Chen');
    await page.getByLabel('Email', { exact: true }).fill('mei.chen@example.com');
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('What happened?').fill('The export comes in three parts.');
    await page.getByRole('button', { name: 'Send my issue' }).click();
    // Send takes the reader to what the picker says (said once on the page, not repeated above the form).
    await page.locator('[data-testid="attachments-over-limit"]:focus').getByText(TOO_LARGE, { exact: true }).waitFor();
    expect(await page.getByText(TOO_LARGE, { exact: true }).count()).toBe(1);
    expect((await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE subject = $1`, [subject]))[0].n).toBe(0);

    // Two parts fit: the warning goes, and the issue is sent with them.
    await page.getByRole('button', { name: 'Remove part-3.txt' }).click();
    await page.getByTestId('attachments-over-limit').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Send my issue' }).click();
    await page.waitForURL(/\/track\/FH-[0-9A-Z]+$/);
  });

  it('says the same in Chinese on the tracking page: the refusal\'s reason, the size over the limit, and a reply too large held back', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Export in parts' }, { name: 'Chen Mei' });
    const { page } = await open({ locale: 'zh-CN' });
    await page.goto(`${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`);
    await page.getByTestId('service-map').waitFor();
    const picker = page.getByLabel('添加附件');
    await picker.setInputFiles([{ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: TINY_PNG }, { name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.alloc(1_100_000) }]);
    await failedUpload(page, 'invoice.pdf').getByText('未能附加：文件名为 .pdf，但内容是 PNG', { exact: true }).waitFor();
    await failedUpload(page, 'big.zip').filter({ hasText: '1.1 MB' }).getByText('未能附加：单个文件最大 1 MB', { exact: true }).waitFor();
    for (const name of ['invoice.pdf', 'big.zip']) await page.getByRole('button', { name: `移除 ${name}` }).click();

    for (const part of PARTS) await picker.setInputFiles(part);
    const tooLarge = '这些文件合计 2.6 MB，一条消息最多只能附带 2.5 MB。请先移除部分文件再发送。';
    await page.getByTestId('attachments-over-limit').getByText(tooLarge, { exact: true }).waitFor();
    await page.locator('[data-testid="pending-upload"][data-state="ready"]').nth(2).waitFor();
    await page.getByLabel('您的回复').fill('导出文件分成了三部分。');
    await page.getByRole('button', { name: '发送回复' }).click();
    await page.locator('[data-testid="attachments-over-limit"]:focus').getByText(tooLarge, { exact: true }).waitFor();
    expect(await page.getByText(tooLarge, { exact: true }).count()).toBe(1);
    expect(await page.locator('[data-testid="customer-timeline"] [data-type="customer_replied"]').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the agent composer warns of files too large together and sends nothing until they fit', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Logs in parts' }, { name: 'Ana Costa' });
    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const composer = page.locator('form.composer');
    for (const part of PARTS) await composer.getByLabel('Attach files').setInputFiles(part);
    await composer.getByTestId('attachments-over-limit').getByText(TOO_LARGE, { exact: true }).waitFor();
    await composer.locator('[data-testid="pending-upload"][data-state="ready"]').nth(2).waitFor();
    await composer.getByLabel('Message').fill('The logs, in three parts.');
    const send = composer.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isDisabled()).toBe(true);
    // One part removed, the rest fit: the note goes with them.
    await composer.getByRole('button', { name: 'Remove part-1.txt' }).click();
    await composer.getByTestId('attachments-over-limit').waitFor({ state: 'detached' });
    await send.click();
    await page.locator('[data-testid="timeline"] [data-type="internal_note_added"]').getByText('The logs, in three parts.').waitFor();
  });

  it('an agent attaches a file to a public reply and the customer downloads it from the tracking page; a note\'s file stays internal; the customer answers with a photo', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Invoice needed' }, { name: 'Ana Costa' });
    const [agent, customer] = await Promise.all([open(), open()]);
    await customer.page.goto(`${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`);
    await customer.page.getByTestId('service-map').waitFor();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);

    const composer = agent.page.locator('form.composer');
    await composer.getByLabel('Attach files').setInputFiles({ name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('Invoice 1042: 25.00 EUR\n') });
    await composer.locator('[data-testid="pending-upload"][data-state="ready"]').waitFor();
    await composer.getByLabel('Message').fill('Here is your invoice.');
    // Nobody owns it: the composer starts on an internal note, and a public reply claims it after asking.
    // The file was attached to that note ("agents only"): it goes to the customer only once the agent says so.
    await composer.getByLabel('Public reply (the customer sees it)').check();
    await composer.getByTestId('internal-files-notice').getByText('invoice.txt: attached to an internal note').waitFor();
    await composer.getByRole('button', { name: 'Send to the customer too' }).click();
    await composer.getByTestId('internal-files-notice').waitFor({ state: 'detached' });
    await composer.getByRole('button', { name: 'Reply and take ownership' }).click();
    await composer.getByRole('button', { name: 'Yes, reply and take ownership' }).click();
    await composer.getByTestId('pending-upload').waitFor({ state: 'detached' });
    await agent.page.locator('[data-testid="timeline"] [data-type="agent_replied"]').getByTestId('attachment-link').filter({ hasText: 'invoice.txt' }).waitFor();

    // An internal note with a file: labelled internal while composing, never shown to the customer.
    await composer.getByLabel('Internal note (agents only)').check();
    await composer.getByText('internal: agents only').waitFor();
    await composer.getByLabel('Attach files').setInputFiles({ name: 'fraud-check.txt', mimeType: 'text/plain', buffer: Buffer.from('card flagged\n') });
    await composer.locator('[data-testid="pending-upload"][data-state="ready"]').waitFor();
    await composer.getByLabel('Message').fill('Checked the card first.');
    await composer.getByRole('button', { name: 'Send' }).click();
    await agent.page.locator('[data-testid="timeline"] [data-type="internal_note_added"]').getByText('fraud-check.txt').waitFor();

    // A file attached to a note, then the note turned into a public reply: Send does not send it
    // to the customer until the agent chooses; removed, the reply goes without it.
    await composer.getByLabel('Internal note (agents only)').check();
    await composer.getByLabel('Attach files').setInputFiles({ name: 'card-last4.txt', mimeType: 'text/plain', buffer: Buffer.from('4242\n') });
    await composer.locator('[data-testid="pending-upload"][data-state="ready"]').waitFor();
    await composer.getByLabel('Public reply (the customer sees it)').check();
    await composer.getByLabel('Message').fill('We are looking into the charge.');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    const notice = composer.getByTestId('internal-files-notice');
    await notice.getByText('card-last4.txt').waitFor();
    expect(await notice.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    expect(await composer.getByLabel('Message').inputValue()).toBe('We are looking into the charge.');
    await notice.getByRole('button', { name: 'Remove from this reply' }).click();
    await composer.getByTestId('pending-upload').waitFor({ state: 'detached' });
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await agent.page.locator('[data-testid="timeline"] [data-type="agent_replied"]').getByText('We are looking into the charge.').waitFor();

    // The customer's page shows the reply's file live, and saves it with its name and bytes.
    const reply = customer.page.locator('[data-testid="customer-timeline"] [data-type="agent_replied"]');
    const link = reply.getByTestId('attachment-link').filter({ hasText: 'invoice.txt' });
    await link.waitFor({ timeout: 5000 });
    await reply.getByText('24 B').waitFor();
    const [download] = await Promise.all([customer.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('invoice.txt');
    expect(await downloadedText(download)).toBe('Invoice 1042: 25.00 EUR\n');
    expect(await customer.page.getByText('fraud-check.txt').count()).toBe(0);
    await customer.page.locator('[data-testid="customer-timeline"]').getByText('We are looking into the charge.').waitFor({ timeout: 5000 });
    expect(await customer.page.getByText('card-last4.txt').count()).toBe(0);
    expect(await seriousA11yViolations(customer.page)).toEqual([]);

    // The customer answers with a photo from the tracking page; the agent sees it live.
    await customer.page.getByLabel('Attach files').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: TINY_PNG });
    await customer.page.locator('[data-testid="pending-upload"][data-state="ready"]').waitFor();
    await customer.page.getByLabel('Your reply').fill('Thanks, here is my receipt.');
    await customer.page.getByRole('button', { name: 'Send reply' }).click();
    await customer.page.locator('[data-testid="customer-timeline"] [data-type="customer_replied"]').getByRole('img', { name: 'receipt.png' }).waitFor();
    await agent.page.locator('[data-testid="timeline"] [data-type="customer_replied"]').getByRole('img', { name: 'receipt.png' }).waitFor({ timeout: 5000 });
    await loadedThumbnail(agent.page, 'receipt.png');
    // Each of the customer's messages says how it came: the form that opened the ticket, then the tracking page.
    const timeline = agent.page.getByTestId('timeline');
    expect(await timeline.locator('[data-type="created"] [data-testid="channel-badge"]').textContent()).toBe('web form');
    expect(await timeline.locator('[data-type="customer_replied"] [data-testid="channel-badge"]').textContent()).toBe('tracking page');
    expect(await timeline.locator('[data-type="agent_replied"] [data-channel], [data-type="internal_note_added"] [data-channel]').count()).toBe(0);
  });

  it('the owner sees who the customer copied, and stops copying one of them', async () => {
    const run = randomUUID().slice(0, 8);
    const customer = `ana.${run}@example.com`;
    const subject = `Invoice wrong ${run}`;
    await mailer.send({ from: `Ana Souza <${customer}>`, to: SUPPORT, cc: [`Acme Finance <finance.${run}@example.com>`, `boss.${run}@example.com`], subject, text: 'The total is wrong.' });
    const ticket = await eventually(async () => ((await stack.database.db.query(`SELECT id, code FROM tickets WHERE subject = $1`, [subject])) as Array<{ id: string; code: string }>)[0], 15_000, 'the email ticket');
    // Copied in as a mail proved its sender's would copy them (no sender check can pass here, without DNS: mail-intake.suite covers it).
    await stack.database.db.query(`INSERT INTO ticket_copied_people (ticket_id, address, name, added_at) VALUES ($1, $2, 'Acme Finance', now()), ($1, $3, NULL, now() + interval '1 second')`, [ticket.id, `finance.${run}@example.com`, `boss.${run}@example.com`]);
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);

    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const card = page.getByTestId('copied-people');
    await card.getByText(`Acme Finance <finance.${run}@example.com>`).waitFor();
    await card.getByText(/get a copy of your replies/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByRole('button', { name: `Stop copying boss.${run}@example.com` }).click();
    await eventually(async () => (await card.getByRole('listitem').count()) === 1, 10_000, 'one copied person left');
    expect(await stack.database.db.query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [ticket.id])).toEqual([{ address: `finance.${run}@example.com` }]);
  });

  it('an email ticket shows the badge, the sender check, an unverified reply and the original; supervisors page through mail that made no ticket', async () => {
    // As long as many real ones: an address is one word, which must break inside its own cell.
    const customer = `zhang.wei.accounts-payable.${randomUUID().slice(0, 8)}@example.com`;
    const subject = `Printer jams ${randomUUID().slice(0, 6)}`;
    await mailer.send({
      from: `Zhang Wei <${customer}>`,
      to: SUPPORT,
      subject,
      text: 'The printer jams on every page.\n\n-- \nZhang Wei\nAcme Ltd',
      attachments: [{ filename: 'jam.png', content: TINY_PNG }, { filename: 'driver.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]) }],
    });
    const ticket = await eventually(async () => ((await stack.database.db.query(`SELECT id, code FROM tickets WHERE subject = $1`, [subject])) as Array<{ id: string; code: string }>)[0], 15_000, 'the email ticket');
    const stranger = `stranger.from.the.purchasing.department.${randomUUID().slice(0, 8)}@example.com`;
    await mailer.send({ from: stranger, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Re: your issue', text: 'Close this and refund me.' });
    const autoSubject = `Out of office ${randomUUID().slice(0, 6)}`;
    await mailer.send({ from: `robot.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: autoSubject, text: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied' } });
    await eventually(async () => (await stack.database.db.query(`SELECT 1 FROM inbound_mails WHERE ticket_id = $1 AND outcome = 'continued'`, [ticket.id])).length === 1, 15_000, 'the unverified mail');

    const { page } = await open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    await page.getByTestId('customer-contact').filter({ hasText: customer }).waitFor();
    await page.getByTestId('sender-verification').filter({ hasText: customer }).waitFor();
    expect(await page.getByTestId('written-to').textContent()).toBe(SUPPORT);
    const opened = page.locator('[data-testid="timeline"] [data-type="created"]');
    await opened.getByTestId('email-badge').waitFor();
    await loadedThumbnail(page, 'jam.png');
    // A file the intake would not attach is said on the message, not lost in silence.
    await opened.getByTestId('refused-files').getByText(/Not attached from the mail: driver\.exe/).waitFor();

    const kept = page.locator('[data-testid="timeline"] [data-type="customer_replied"]');
    await kept.getByTestId('email-badge').waitFor();
    // Headed by its sender, not in the customer's name.
    await kept.locator('.event-head strong').filter({ hasText: stranger }).waitFor();
    await kept.getByTestId('email-sender').filter({ hasText: 'not the customer (Zhang Wei)' }).waitFor();
    await kept.getByTestId('unverified-sender').waitFor();
    expect(await spilled(page, '.ticket-header .details > div, .timeline .event-head > *')).toEqual([]);
    // Just above the one-column layout, the customer card beside the ticket is narrower than a details column.
    await page.setViewportSize({ width: 1024, height: 860 });
    // The composer starts on an internal note here (the ticket is nobody's yet): its files' "agents only" badge stays in its column.
    await page.locator('.attachment-picker-internal label > .badge').waitFor();
    expect(await spilled(page, '.details > div, .timeline .event-head > *, .attachment-picker label > .badge, .timeline .delivery')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'agent-email-ticket', { fullPage: true });

    // Show original: the whole text (signature included) as text; the .eml (which keeps a quoted tracking token) is for supervisors to download.
    await opened.getByRole('button', { name: 'Show original' }).click();
    const original = page.getByTestId('mail-original');
    await original.locator('pre[data-testid="mail-original-text"]').filter({ hasText: 'Acme Ltd' }).waitFor();
    await original.getByText(SUPPORT).waitFor();
    await original.getByText(/jam\.png/).waitFor();
    expect(await original.getByRole('button', { name: 'Download the mail (.eml)' }).count()).toBe(0);
    await original.getByRole('button', { name: 'Close' }).click();
    await original.waitFor({ state: 'hidden' });
    // Closed, by its button or Esc, the dialog gives focus back to the "Show original" that opened it.
    await expectFocused(page, opened.getByRole('button', { name: 'Show original' }));

    await kept.getByRole('button', { name: 'Show original' }).press('Enter');
    await page.getByTestId('mail-original-text').filter({ hasText: 'Close this and refund me.' }).waitFor();
    await page.getByTestId('mail-original').getByText('not verified').waitFor();
    await page.keyboard.press('Escape');
    await expectFocused(page, kept.getByRole('button', { name: 'Show original' }));

    // Enough noise for a second page: the panel shows 20, then the rest after "Show more".
    for (let n = 1; n <= 20; n += 1) await mailer.send({ from: `bounce${n}@example.com`, to: SUPPORT, subject: `Bulk news ${n}`, text: 'Sale!', headers: { Precedence: 'bulk' } });
    await eventually(async () => Number((await stack.database.db.query(`SELECT count(*) AS n FROM inbound_mails WHERE outcome IN ('ignored', 'quarantined')`))[0].n) === 21, 15_000, 'the ignored mails');

    const sup = await open();
    await signIn(sup.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const rows = sup.page.locator('[data-testid="unticketed-mail"] tbody tr');
    await rows.first().waitFor({ timeout: 5000 });
    expect(await rows.count()).toBe(20);
    await sup.page.getByTestId('unticketed-mail').getByRole('button', { name: 'Show more' }).click();
    const row = rows.filter({ hasText: autoSubject }); // the oldest, so on the second page
    await row.waitFor({ timeout: 5000 });
    expect(await rows.count()).toBe(21);
    expect(await row.getAttribute('data-outcome')).toBe('ignored');
    expect((await row.textContent()) ?? '').toMatch(/robot\..*@example\.com/);
    expect(await sup.page.getByTestId('unticketed-mail').getByRole('button', { name: 'Show more' }).count()).toBe(0);
  });

  it("a supervisor takes in a customer's mail held back for looking automatic: the button, then a link to its ticket", async () => {
    const subject = `Purchase order ${randomUUID().slice(0, 6)}`;
    const sender = `purchasing.${randomUUID().slice(0, 6)}@example.com`;
    await mailer.send({ from: sender, to: SUPPORT, subject, text: 'Please send 40 toner cartridges.', headers: { Precedence: 'bulk' } });
    await eventually(async () => (await stack.database.db.query(`SELECT 1 FROM inbound_mails WHERE subject = $1 AND outcome = 'ignored'`, [subject])).length === 1, 15_000, 'the held mail');
    // A mailer-daemon's mail is never held (a bounce must never become a ticket): listed as ignored, without its bytes and without a button.
    const never = `Delivery failure ${randomUUID().slice(0, 6)}`;
    await mailer.send({ from: 'mailer-daemon@example.com', to: SUPPORT, subject: never, text: 'Undeliverable.' });
    await eventually(async () => (await stack.database.db.query(`SELECT 1 FROM inbound_mails WHERE subject = $1`, [never])).length === 1, 15_000, 'the bounce');
    expect(await stack.database.db.query(`SELECT outcome, held_for, original_key FROM inbound_mails WHERE subject = $1`, [never])).toEqual([{ outcome: 'ignored', held_for: null, original_key: null }]);

    const sup = await open();
    await signIn(sup.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const panel = sup.page.getByTestId('unticketed-mail');
    const row = panel.locator('tbody tr').filter({ hasText: subject });
    await row.waitFor({ timeout: 5000 });
    expect(await panel.locator('tbody tr').filter({ hasText: never }).getByRole('button').count()).toBe(0);
    expect(await seriousA11yViolations(sup.page)).toEqual([]);
    // A second supervisor's tab, open on the same panel, presses too: it follows the first one's take-in to its ticket.
    const other = await open();
    await signIn(other.page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const otherRow = other.page.getByTestId('unticketed-mail').locator('tbody tr').filter({ hasText: subject });
    await otherRow.getByRole('button', { name: `Take in the mail “${subject}”` }).waitFor({ timeout: 5000 });
    await row.getByRole('button', { name: `Take in the mail “${subject}”` }).click();
    await otherRow.getByRole('button', { name: `Take in the mail “${subject}”` }).click();
    // The worker takes it in; the row follows it to its ticket, and says it was taken in (not "ignored").
    const link = row.getByRole('link', { name: 'Open its ticket' });
    await link.waitFor({ timeout: 15_000 });
    await otherRow.getByRole('link', { name: 'Open its ticket' }).waitFor({ timeout: 15_000 });
    expect(await row.locator('td').nth(2).textContent()).toBe('taken in');
    const [ticket] = await stack.database.db.query(`SELECT t.id, t.description FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.subject = $1 AND c.email = $2`, [subject, sender]);
    expect(ticket.description).toBe('Please send 40 toner cartridges.');
    expect(await link.getAttribute('href')).toBe(`/agent/tickets/${ticket.id}`);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE subject = $1`, [subject])).toEqual([{ n: 1 }]);
    // The ticket's timeline says who took it in.
    await otherRow.getByRole('link', { name: 'Open its ticket' }).click();
    await other.page.getByTestId('taken-in-by').filter({ hasText: 'Taken in from held mail by Wang Fang' }).waitFor({ timeout: 10_000 });

    // In Chinese on a phone: why each mail made no ticket is said in Chinese, and the dashboard does not scroll sideways.
    await sup.page.getByLabel('Language').selectOption('zh-CN');
    await sup.page.setViewportSize({ width: 390, height: 844 });
    const bounce = panel.locator('tbody tr').filter({ hasText: never });
    await bounce.getByText('退信（投递报告）').waitFor();
    expect(await bounce.getByText('bounce', { exact: true }).count()).toBe(0);
    // The charts redraw at the new width a moment after the resize.
    await eventually(async () => Number(await sup.page.evaluate('document.documentElement.scrollWidth')) <= 390, 5000, 'the charts at 390 px').catch(() => undefined);
    // A table may scroll inside its own box; nothing else may stick out.
    await expectNoSidewaysScroll(sup.page, 390, '.table-wrap');
    await screenshot(sup.page, 'supervisor-unticketed-mail-zh-CN-390', { fullPage: true });
    await sup.page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    await sup.page.getByTestId('taken-in-by').filter({ hasText: '由 Wang Fang 将被拦下的邮件转为工单' }).waitFor({ timeout: 10_000 });
  });
});
