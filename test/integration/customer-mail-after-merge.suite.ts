import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FirsthandConfigModule } from '@firsthand/config';
import type { DnsResolver, MailEnvelope } from '@firsthand/email';
import { buildDataSourceOptions, PersistenceModule } from '@firsthand/persistence';
import { TicketingModule } from '@firsthand/ticketing';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { MAIL_DNS_RESOLVER, TakeInboundMail } from '../../apps/worker/src/email/take-inbound-mail.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { testConfig } from '../support/test-services.js';

const SUPPORT = 'support@help.example.test';
const CUSTOMER_IP = '192.0.2.10';
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dns: DnsResolver = async (name, rrtype) => {
  const txt: Record<string, string> = {
    'mail._domainkey.example.com': `v=DKIM1; k=rsa; p=${key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    'example.com': `v=spf1 ip4:${CUSTOMER_IP} -all`,
    '_dmarc.example.com': 'v=DMARC1; p=reject',
  };
  if (rrtype === 'TXT' && txt[name.toLowerCase()] !== undefined) return [[txt[name.toLowerCase()]]];
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

async function signedMail(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  const raw = await new MailComposer(options).compile().build();
  const signer = { signingDomain: 'example.com', selector: 'mail', privateKey: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const { signatures } = await dkimSign(raw, { ...signer, canonicalization: 'relaxed/relaxed', signatureData: [signer] });
  return Buffer.concat([Buffer.from(signatures), raw]);
}
const smtp = (mailFrom: string): MailEnvelope => ({ source: 'smtp', recipients: [SUPPORT], mailFrom, remoteAddress: CUSTOMER_IP, helo: 'mail.example.com' });

/** Email intake after a merge: the duplicate's address, kept on its merged record, still means the surviving customer. */
describe('email intake after a customer merge', () => {
  let api: ApiHarness;
  let context: INestApplicationContext;
  let intake: TakeInboundMail;
  let f: HelpdeskFactory;
  let supervisor: TestAgent;
  const db = () => api.database.db;
  const customerOf = async (ticketId: string): Promise<string> => (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;

  beforeAll(async () => {
    api = await startApi({ MAIL_SUPPORT_ADDRESS: SUPPORT });
    const config = testConfig(api.database.url, { MAIL_SUPPORT_ADDRESS: SUPPORT });
    @Module({
      imports: [FirsthandConfigModule.forRoot(config), TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, 4, 'customer-mail-test')), PersistenceModule, TicketingModule],
      providers: [TakeInboundMail, { provide: MAIL_DNS_RESOLVER, useValue: dns }],
    })
    class IntakeTestModule {}
    context = await NestFactory.createApplicationContext(IntakeTestModule, { logger: false });
    intake = context.get(TakeInboundMail);
    f = new HelpdeskFactory(api);
    supervisor = await f.agent('supervisor', await f.team('Mail desk', true));
  });
  afterAll(async () => {
    await context?.close();
    await api?.close();
  });

  it('a new mail from the duplicate\'s address opens a ticket on the survivor; a reply to a moved ticket counts as the customer\'s own', async () => {
    const home = `zhou.${randomUUID().slice(0, 6)}@example.com`;
    const work = `zhou.work.${randomUUID().slice(0, 6)}@example.com`;
    const survivorTicket = await f.customerTicket({}, { name: 'Zhou Min', email: home });
    const moved = await f.customerTicket({}, { name: 'Zhou Min (work)', email: work });
    const survivorId = await customerOf(survivorTicket.id);
    await api.http.post(`/api/customers/${survivorId}/merge`).set(supervisor.auth).send({ duplicateId: await customerOf(moved.id) }).expect(200);

    const newId = `new-${randomUUID()}@example.com`;
    await intake.accept(await signedMail({ from: work, to: SUPPORT, subject: 'Another question', messageId: `<${newId}>`, text: 'Hello again' }), smtp(work));
    const [opened] = await db().query(`SELECT ticket_id, outcome FROM inbound_mails WHERE message_id = $1`, [newId]);
    expect(opened.outcome).toBe('opened');
    expect(await customerOf(opened.ticket_id)).toBe(survivorId);

    const replyId = `reply-${randomUUID()}@example.com`;
    await intake.accept(await signedMail({ from: work, to: SUPPORT, subject: `Re: [${moved.code}] your ticket`, messageId: `<${replyId}>`, text: 'More detail' }), smtp(work));
    const [reply] = await db().query(`SELECT ticket_id, outcome, verified FROM inbound_mails WHERE message_id = $1`, [replyId]);
    expect(reply).toEqual({ ticket_id: moved.id, outcome: 'continued', verified: true });
  });
});
