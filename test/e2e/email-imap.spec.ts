import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startDovecot, type TestDovecot } from '../support/dovecot.js';
import { IdentityProvider } from '../support/identity-provider.js';
import { startSmtpCatcher, type SmtpCatcher as LoopbackSmtpCatcher } from '../support/loopback-catchers.js';
import { TINY_PNG } from '../support/mail-sender.js';
import { eventually } from '../support/notification-sinks.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const SUPPORT = 'support@help.example.test';
const BRAND = 'billing@brand-b.example';
const MAILS = 30;
const MAX_BYTES = 1024 * 1024;

/** A real Dovecot mailbox, polled by two real worker processes at once: every mail becomes one ticket, once, in the mailbox's team. */
describe('email channel over IMAP', () => {
  let dovecot: TestDovecot;
  let stack: WorkerStack;
  let billingTeam: string;

  const db = () => stack.api.database.db;

  beforeAll(async () => {
    dovecot = await startDovecot();
    // The folder must exist before the workers select it.
    await dovecot.append('INBOX', await compose({ from: 'first@example.com', to: SUPPORT, subject: 'Before the workers', messageId: '<imap-first@example.com>', text: 'Waiting in the mailbox.' }));
    stack = await startWorkerStack({
      workers: 0,
      env: {
        MAIL_SUPPORT_ADDRESS: SUPPORT,
        MAIL_MAX_BYTES: String(MAX_BYTES),
        // The mailbox has its own address (a brand's): its tickets are answered from it.
        IMAP_MAILBOXES: JSON.stringify([{ name: 'billing', url: dovecot.url('INBOX'), team: 'Billing', pollEverySeconds: 1, address: BRAND, fromName: 'Brand B 账单' }]),
      },
    });
    const f = new HelpdeskFactory(stack.api);
    await f.team('Front Desk', true);
    billingTeam = await f.team('Billing');
    await stack.startWorker();
    await stack.startWorker();
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    await stack?.close();
    await dovecot?.stop();
  });

  it('takes the waiting mail and every mail appended while the workers run, each once, into the mailbox\'s team, and moves them out of the inbox', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < MAILS; i++) {
      await dovecot.append('INBOX', await compose({
        from: `Customer ${i} <c${i}.${tag}@example.com>`,
        to: SUPPORT,
        subject: `IMAP ${tag} #${i}`,
        messageId: `<imap-${tag}-${i}@example.com>`,
        text: i % 2 ? '订单没有到账。' : 'My order did not arrive.',
        attachments: i % 5 === 0 ? [{ filename: `receipt-${i}.png`, content: TINY_PNG }] : [],
      }));
    }
    const rows = await eventually(async () => {
      const found = await db().query(`SELECT t.subject, t.team_id, t.channel, c.locale FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.subject LIKE $1`, [`IMAP ${tag} #%`]);
      return found.length >= MAILS && found;
    }, 30_000, `${MAILS} tickets`);
    expect(rows).toHaveLength(MAILS);
    expect(new Set(rows.map((r: { subject: string }) => r.subject)).size).toBe(MAILS);
    expect(rows.every((r: { team_id: string; channel: string }) => r.team_id === billingTeam && r.channel === 'email')).toBe(true);
    expect(rows.filter((r: { locale: string }) => r.locale === 'zh-CN')).toHaveLength(MAILS / 2);
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE message_id LIKE $1`, [`imap-${tag}-%`])).toEqual([{ n: MAILS }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.subject LIKE $1`, [`IMAP ${tag} #%`])).toEqual([{ n: MAILS / 5 }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM tickets WHERE subject = 'Before the workers'`)).toEqual([{ n: 1 }]);
    await eventually(async () => (await dovecot.list('INBOX')).length === 0, 15_000, 'an empty inbox');
    expect(await dovecot.list('Firsthand/Taken')).toHaveLength(MAILS + 1);
  });
  it('keeps every answer on its conversation\'s ticket when openings and answers arrive together and two workers share the mailbox', async () => {
    const tag = randomUUID().slice(0, 8);
    const PEOPLE = 12;
    const id = (person: number, step: number) => `<thread-${tag}-${person}-${step}@example.com>`;
    // Each customer writes, then answers their own mail twice (In-Reply-To and References), all appended
    // back to back: the workers find openings and their answers in the same pass or split between them.
    for (let step = 0; step < 3; step++) {
      for (let person = 0; person < PEOPLE; person++) {
        const earlier = Array.from({ length: step }, (_, s) => id(person, s));
        await dovecot.append('INBOX', await compose({
          from: `Thread ${person} <t${person}.${tag}@example.com>`,
          to: SUPPORT,
          subject: step === 0 ? `Thread ${tag} #${person}` : `Re: Thread ${tag} #${person}`,
          messageId: id(person, step),
          ...(step ? { inReplyTo: earlier[earlier.length - 1], references: earlier } : {}),
          text: `Step ${step} of person ${person}.`,
        }));
      }
    }
    const mails = await eventually(async () => {
      const found = await db().query(`SELECT message_id, ticket_id, outcome FROM inbound_mails WHERE message_id LIKE $1`, [`thread-${tag}-%`]);
      return found.length >= PEOPLE * 3 && found;
    }, 30_000, `${PEOPLE * 3} mails`);
    const ticketOf = new Map(mails.map((m: { message_id: string; ticket_id: string }) => [m.message_id, m.ticket_id]));
    for (let person = 0; person < PEOPLE; person++) {
      const opened = ticketOf.get(id(person, 0).slice(1, -1));
      expect([ticketOf.get(id(person, 1).slice(1, -1)), ticketOf.get(id(person, 2).slice(1, -1))]).toEqual([opened, opened]);
    }
    expect(mails.filter((m: { outcome: string }) => m.outcome === 'opened')).toHaveLength(PEOPLE);
    const messages = await db().query(
      `SELECT t.id, count(m.id)::int AS n FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE t.subject LIKE $1 GROUP BY t.id`,
      [`Thread ${tag} #%`],
    );
    expect(messages).toHaveLength(PEOPLE);
    expect(messages.every((r: { n: number }) => r.n === 2)).toBe(true);
  });

  it("answers a ticket from the address of the mailbox it came in through, and takes a reply to that address's plus-address onto it", async () => {
    const tag = randomUUID().slice(0, 8);
    await dovecot.append('INBOX', await compose({ from: `Bo <bo.${tag}@example.com>`, to: BRAND, subject: `Invoice ${tag}`, messageId: `<brand-${tag}@example.com>`, text: 'Charged twice.' }));
    const ack = await eventually(() => stack.smtp.to(`bo.${tag}@example.com`)[0], 30_000, 'the acknowledgement');
    const code = /\[(FH-[0-9A-Z]{5})\]/.exec(ack.subject)![1];
    expect(ack.replyTo).toBe(`billing+${code.toLowerCase()}@brand-b.example`);
    // The display name is encoded (it is Chinese); the address is the brand's.
    expect(/^From: .*<billing@brand-b\.example>\r?$/m.test(ack.raw.toString('latin1'))).toBe(true);
    expect(/^From: =\?UTF-8\?/m.test(ack.raw.toString('latin1'))).toBe(true);
    // The mail is recorded as written to the brand, for the agent to see.
    expect(await db().query(`SELECT our_address, our_name FROM inbound_mails WHERE message_id = $1`, [`brand-${tag}@example.com`])).toEqual([{ our_address: BRAND, our_name: 'Brand B 账单' }]);

    // The customer answers from a client that drops the thread headers: the reply address alone leads back.
    await dovecot.append('INBOX', await compose({ from: `Bo <bo.${tag}@example.com>`, to: ack.replyTo, subject: 'one more thing', messageId: `<brand-${tag}-2@example.com>`, text: 'Card ending 4242.' }));
    const [answer] = await eventually(async () => {
      const found = await db().query(`SELECT im.outcome, t.code FROM inbound_mails im JOIN tickets t ON t.id = im.ticket_id WHERE im.message_id = $1`, [`brand-${tag}-2@example.com`]);
      return found.length > 0 && found;
    }, 30_000, 'the reply recorded');
    expect(answer).toEqual({ outcome: 'continued', code });

    // Mail from the brand's own address is a loop, not a customer.
    await dovecot.append('INBOX', await compose({ from: BRAND, to: BRAND, subject: `Echo ${tag}`, messageId: `<brand-${tag}-echo@example.com>`, text: 'auto' }));
    const [echo] = await eventually(async () => {
      const found = await db().query(`SELECT outcome, reason FROM inbound_mails WHERE message_id = $1`, [`brand-${tag}-echo@example.com`]);
      return found.length > 0 && found;
    }, 30_000, 'the echo recorded');
    expect(echo).toEqual({ outcome: 'ignored', reason: 'from one of our own addresses (a loop)' });
  });

  it('leaves a mail over MAIL_MAX_BYTES undownloaded: recorded as quarantined with its size, moved to the quarantine folder whole, no ticket', async () => {
    const messageId = `imap-big-${randomUUID().slice(0, 8)}@example.com`;
    const big = await compose({ from: 'big@example.com', to: SUPPORT, subject: 'Forty photos', messageId: `<${messageId}>`, text: 'x'.repeat(MAX_BYTES + 1000) });
    await dovecot.append('INBOX', big);
    const row = await eventually(async () => (await db().query(`SELECT * FROM inbound_mails WHERE message_id = $1`, [messageId]))[0], 15_000, 'the refusal');
    expect(row).toMatchObject({ outcome: 'quarantined', mailbox: 'imap:billing', size_bytes: big.length, original_key: null, reason: expect.stringContaining('Not downloaded') });
    await eventually(async () => (await dovecot.list('Firsthand/Quarantine')).some((m) => m.raw.equals(big)), 15_000, 'the mail in quarantine');
    expect(await db().query(`SELECT count(*)::int AS n FROM tickets WHERE subject = 'Forty photos'`)).toEqual([{ n: 0 }]);
  });
});

/**
 * A worker whose mailbox and mail relay take no passwords: it logs in to both with tokens from the
 * provider's endpoint, as with Microsoft 365 (IMAP.AccessAsApp and SMTP.SendAsApp).
 */
describe('email channel over IMAP and SMTP, logging in with OAuth2', () => {
  let dovecot: TestDovecot;
  let idp: IdentityProvider;
  let relay: LoopbackSmtpCatcher;
  let stack: WorkerStack;
  let metricsPort: number;
  const mailboxMetric = async (name: string, labels = 'mailbox="m365"'): Promise<number | null> => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
  };

  beforeAll(async () => {
    idp = new IdentityProvider();
    await idp.start();
    dovecot = await startDovecot({ oauth2IntrospectionUrl: idp.url('/introspect') });
    relay = await startSmtpCatcher(undefined, { acceptsToken: (user, token) => user === SUPPORT && idp.issued.includes(token) });
    const client = { tokenUrl: idp.url('/token'), clientId: 'firsthand-worker', clientSecret: 'worker-secret', scope: 'https://outlook.office365.com/.default' };
    await dovecot.append('INBOX', await compose({ from: 'Ada <ada@example.com>', to: SUPPORT, subject: 'Sign-in link expired', messageId: '<oauth-first@example.com>', text: 'The link in your mail says expired.' }));
    stack = await startWorkerStack({
      workers: 0,
      env: {
        MAIL_SUPPORT_ADDRESS: SUPPORT,
        IMAP_MAILBOXES: JSON.stringify([{
          name: 'm365',
          url: `imap://${dovecot.user}@127.0.0.1:${dovecot.port}/INBOX`,
          pollEverySeconds: 1,
          oauth2: client,
        }]),
        SMTP_URL: `smtp://${encodeURIComponent(SUPPORT)}@127.0.0.1:${relay.port}`,
        SMTP_OAUTH2: JSON.stringify(client),
      },
    });
    await new HelpdeskFactory(stack.api).team('Front Desk', true);
    const worker = await stack.startWorker({ WORKER_METRICS_PORT: '0' });
    metricsPort = Number(/metricsPort=(\d+)/.exec(worker.output())![1]);
  });
  afterAll(async () => {
    await stack?.close();
    await dovecot?.stop();
    await relay?.stop();
    await idp?.stop();
  });

  it('takes the mail after logging in with a client-credentials token, makes its ticket, and acknowledges it through the relay', async () => {
    const [ticket] = await eventually(async () => {
      const found = await stack.api.database.db.query(`SELECT t.channel, c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.subject = 'Sign-in link expired'`);
      return found.length > 0 && found;
    }, 30_000, 'the ticket');
    expect(ticket).toEqual({ channel: 'email', email: 'ada@example.com' });
    expect(idp.tokenRequests[0]).toEqual({ grant_type: 'client_credentials', client_id: 'firsthand-worker', client_secret: 'worker-secret', scope: 'https://outlook.office365.com/.default' });
    await eventually(async () => (await dovecot.list('Firsthand/Taken')).length === 1, 15_000, 'the mail moved to the taken folder');
    const [ack] = await eventually(async () => relay.received.length > 0 && relay.received, 30_000, 'the acknowledgement');
    expect(ack.envelope.to).toEqual(['ada@example.com']);
    expect(relay.tokenLogins.length).toBeGreaterThan(0);
    expect(relay.tokenLogins.every((l) => l.username === SUPPORT && l.accepted)).toBe(true);
  });

  it("shows the mailbox's state in the worker's metrics: connected, its mails, and a login that keeps failing", async () => {
    expect(await mailboxMetric('firsthand_worker_mailbox_connected')).toBe(1);
    expect(await mailboxMetric('firsthand_worker_mailbox_mails_total', 'mailbox="m365",outcome="taken"')).toBe(1);
    expect(await mailboxMetric('firsthand_worker_mailbox_failures_in_a_row')).toBe(0);
    expect(await mailboxMetric('firsthand_worker_mailbox_last_pass_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);

    // The app's client is refused from now on and its token revoked; a restart of the server cuts the connection.
    idp.refuseWith = { status: 401, error: 'invalid_client' };
    for (const token of idp.issued) idp.revoked.add(token);
    await dovecot.restart();
    await eventually(async () => (await mailboxMetric('firsthand_worker_mailbox_failures_in_a_row'))! >= 2, 20_000, 'failed logins counted');
    expect(await mailboxMetric('firsthand_worker_mailbox_connected')).toBe(0);

    idp.refuseWith = null;
    await eventually(async () => (await mailboxMetric('firsthand_worker_mailbox_connected')) === 1, 30_000, 'connected again');
    expect(await mailboxMetric('firsthand_worker_mailbox_failures_in_a_row')).toBe(0);
  });

  it('keeps a refresh token the provider rotated, sealed in PostgreSQL: a restarted worker logs in with it, not with the configured one the provider no longer takes', async () => {
    await Promise.all(stack.workers.splice(0).map((w) => w.stop()));
    const configured = idp.issueRefreshToken();
    const mailbox = { name: 'gmail', url: `imap://${dovecot.user}@127.0.0.1:${dovecot.port}/INBOX`, pollEverySeconds: 1, oauth2: { tokenUrl: idp.url('/token'), clientId: 'firsthand-worker', refreshToken: configured } };
    const env = { IMAP_MAILBOXES: JSON.stringify([mailbox]) };
    const taken = (subject: string) =>
      eventually(async () => (await stack.api.database.db.query(`SELECT 1 FROM tickets WHERE subject = $1`, [subject])).length === 1, 30_000, `the ticket "${subject}"`);

    const first = await stack.startWorker(env);
    await dovecot.append('INBOX', await compose({ from: 'Bea <bea@example.com>', to: SUPPORT, subject: 'Rotated once', messageId: '<oauth-rotated-1@example.com>', text: 'First.' }));
    await taken('Rotated once');
    // The configured token is spent; what the provider rotated to is kept, and not in the clear.
    expect(idp.refreshTokens.has(configured)).toBe(false);
    const kept: Array<{ sealed_token: string }> = await stack.api.database.db.query(`SELECT sealed_token FROM oauth2_refresh_tokens`);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.sealed_token).not.toMatch(/refresh-/);
    await first.stop();

    // Same settings, configured token and all: the new process starts from the kept token.
    const restarted = await stack.startWorker(env);
    await dovecot.append('INBOX', await compose({ from: 'Bea <bea@example.com>', to: SUPPORT, subject: 'Rotated twice', messageId: '<oauth-rotated-2@example.com>', text: 'Second.' }));
    await taken('Rotated twice');
    const refreshes = idp.tokenRequests.filter((r) => r.grant_type === 'refresh_token').map((r) => r.refresh_token);
    expect(refreshes[0]).toBe(configured);
    // Each token used once: the configured one never again.
    expect(new Set(refreshes).size).toBe(refreshes.length);
    expect(restarted.output()).not.toMatch(/invalid_grant/);
  });
});

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}
