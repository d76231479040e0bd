import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { authenticateMail, type DnsResolver } from './authenticate-mail.js';
import { rawMail } from './testing/fixture-mails.js';

/** DNS as the tests publish it: TXT records by name; everything else does not exist. */
function fakeDns(txt: Record<string, string>): DnsResolver {
  return async (name, rrtype) => {
    const record = txt[name.toLowerCase()];
    if (rrtype === 'TXT' && record !== undefined) return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

const senderKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimRecord = (key: typeof senderKey) => `v=DKIM1; k=rsa; p=${key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

const customerIp = '192.0.2.10';
const strangerIp = '198.51.100.7';
const dns = fakeDns({
  'mail2026._domainkey.example.com': dkimRecord(senderKey),
  'example.com': `v=spf1 ip4:${customerIp} -all`,
  '_dmarc.example.com': 'v=DMARC1; p=reject',
  // A domain that signs but publishes no DMARC policy.
  'mail2026._domainkey.nodmarc.example': dkimRecord(senderKey),
  'sel._domainkey.attacker.example': dkimRecord(attackerKey),
});

const message = (from: string) =>
  rawMail(`From: ${from}
To: support@firsthand.local
Subject: My invoice
Date: Tue, 01 Dec 2026 10:00:00 +0000
Message-ID: <auth-1@example.com>

Please resend invoice 4711.
`);

async function signed(raw: Buffer, signingDomain: string, selector: string, key: typeof senderKey): Promise<Buffer> {
  const privateKey = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = { signingDomain, selector, privateKey };
  // mailauth signs what signatureData lists; its types also demand the same fields at the top level.
  const { signatures, errors } = await dkimSign(raw, { ...signer, canonicalization: 'relaxed/relaxed', signatureData: [signer] });
  expect(signatures).toMatch(/^DKIM-Signature: /);
  expect(errors).toEqual([]);
  return Buffer.concat([Buffer.from(signatures), raw]);
}

const fromCustomer = { remoteAddress: customerIp, helo: 'mail.example.com', mailFrom: 'sara@example.com' };

describe('authenticateMail (offline, DNS through a fake resolver)', () => {
  it('passes DKIM, SPF and DMARC for the real sender, and verifies the From address', async () => {
    const raw = await signed(message('Sara <sara@example.com>'), 'example.com', 'mail2026', senderKey);
    expect(await authenticateMail(raw, fromCustomer, dns)).toEqual({ dkim: 'pass', spf: 'pass', dmarc: 'pass', fromVerified: true });
  });

  it('fails DKIM when the body or a signed header was changed after signing; from a stranger address DMARC fails too', async () => {
    const raw = await signed(message('Sara <sara@example.com>'), 'example.com', 'mail2026', senderKey);
    const tampered = Buffer.from(raw.toString().replace('invoice 4711', 'invoice 9999 to my new bank account'));
    const result = await authenticateMail(tampered, { remoteAddress: strangerIp, helo: 'mx.stranger.example', mailFrom: 'sara@example.com' }, dns);
    expect(result).toEqual({ dkim: 'fail', spf: 'fail', dmarc: 'fail', fromVerified: false });
    const resubjected = Buffer.from(raw.toString().replace('Subject: My invoice', 'Subject: Urgent: new bank account'));
    expect(await authenticateMail(resubjected, fromCustomer, dns)).toMatchObject({ dkim: 'fail', spf: 'pass' });
  });

  it('does not verify a spoofed From signed by another domain', async () => {
    const raw = await signed(message('Sara <sara@example.com>'), 'attacker.example', 'sel', attackerKey);
    const result = await authenticateMail(raw, { remoteAddress: strangerIp, helo: 'attacker.example', mailFrom: 'bounce@attacker.example' }, dns);
    expect(result).toEqual({ dkim: 'pass', spf: 'none', dmarc: 'fail', fromVerified: false });
  });

  it('for a mail taken from a mailbox, checks SPF for the client our MX wrote into the Received header', async () => {
    const relayed = (client: string) =>
      Buffer.concat([
        Buffer.from(`Return-Path: <sara@example.com>\r\nReceived: from mail.example.com (mail.example.com [${client}])\r\n by mx.firsthand.local with ESMTPS id 4711; Tue, 01 Dec 2026 10:00:01 +0000\r\n`),
        message('Sara <sara@example.com>'),
      ]);
    const noEnvelope = { remoteAddress: null, helo: null, mailFrom: null };
    expect(await authenticateMail(relayed(customerIp), noEnvelope, dns)).toEqual({ dkim: 'none', spf: 'pass', dmarc: 'pass', fromVerified: true });
    expect(await authenticateMail(relayed(strangerIp), noEnvelope, dns)).toEqual({ dkim: 'none', spf: 'fail', dmarc: 'fail', fromVerified: false });
  });

  it('says none where nothing is published or signed', async () => {
    const result = await authenticateMail(message('someone@plain.example'), { remoteAddress: strangerIp, helo: 'plain.example', mailFrom: 'someone@plain.example' }, dns);
    expect(result).toEqual({ dkim: 'none', spf: 'none', dmarc: 'none', fromVerified: false });
  });

  it('verifies the From address by an aligned DKIM pass when the domain has no DMARC record', async () => {
    const raw = await signed(message('li@nodmarc.example'), 'nodmarc.example', 'mail2026', senderKey);
    expect(await authenticateMail(raw, { remoteAddress: strangerIp, helo: null, mailFrom: null }, dns)).toEqual({ dkim: 'pass', spf: 'none', dmarc: 'none', fromVerified: true });
  });

  it('reports a DNS outage as temperror and leaves the sender unverified', async () => {
    const broken: DnsResolver = async (name) => {
      throw Object.assign(new Error(`SERVFAIL ${name}`), { code: 'ESERVFAIL' });
    };
    const raw = await signed(message('Sara <sara@example.com>'), 'example.com', 'mail2026', senderKey);
    const result = await authenticateMail(raw, fromCustomer, broken);
    expect(result.fromVerified).toBe(false);
    expect(result.dkim).toBe('temperror');
    expect(result.spf).toBe('temperror');
  });
});
