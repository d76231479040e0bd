import type { dkimVerify } from 'mailauth/lib/dkim/verify.js';

/**
 * mailauth's modules load on the first mail checked, not when a process starts: loading them costs
 * about 0.13 s of CPU, and the API and most workers never check a mail. Loaded once, then shared.
 */
let mailauthModules: ReturnType<typeof loadMailauth> | null = null;
const mailauth = () => (mailauthModules ??= loadMailauth());

async function loadMailauth() {
  const [{ dkimVerify }, { evaluateDmarc }, { getClientAddress, parseReceived }, { spf }] = await Promise.all([
    import('mailauth/lib/dkim/verify.js'),
    import('mailauth/lib/dmarc/index.js'),
    import('mailauth/lib/parse-received.js'),
    import('mailauth/lib/spf/index.js'),
  ]);
  return { dkimVerify, evaluateDmarc, getClientAddress, parseReceived, spf };
}

/** Answers a DNS question as node's dns.promises.resolve does (TXT answers as string[][]). */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** Each result is 'pass' | 'fail' | 'none' | 'neutral' | 'softfail' | 'temperror' | 'permerror' | 'policy'. */
export interface MailAuthentication {
  dkim: string;
  spf: string;
  dmarc: string;
  /** The From address really belongs to the sender: DMARC pass, or an aligned DKIM pass where the domain has no DMARC record. */
  fromVerified: boolean;
}

/** How the mail reached us; all null for a mail taken from a mailbox (IMAP). */
export interface SenderEnvelope {
  remoteAddress: string | null;
  helo: string | null;
  mailFrom: string | null;
}

/**
 * DKIM, SPF and DMARC for one received mail, with mailauth's own checks. Its `authenticate()`
 * entry cannot be used: it loads the BIMI module, whose undici 8 needs Node 22.19 and throws at
 * import on Node 20. So the three checks are composed here as `authenticate()` composes them.
 * Never throws: a check that fails outright reports temperror and an unverified sender, as a DNS
 * outage must not lose mail.
 */
export async function authenticateMail(raw: Buffer, envelope: SenderEnvelope, resolver?: DnsResolver): Promise<MailAuthentication> {
  try {
    const { dkimVerify, evaluateDmarc, spf, ...received } = await mailauth();
    const dkimResult = await dkimVerify(raw, { resolver, sender: envelope.mailFrom ?? undefined });
    const client = envelope.remoteAddress !== null ? { ip: envelope.remoteAddress, helo: envelope.helo, sender: envelope.mailFrom } : clientFromReceived(dkimResult, received);
    const spfResult = client.ip
      ? await spf({ ip: client.ip, helo: client.helo ?? client.ip, sender: client.sender ?? undefined, mta: 'firsthand', resolver })
      : null;
    const signatures = dkimResult.results ?? [];
    const passing = signatures.filter((signature) => signature.status.result === 'pass');
    const { response: dmarcResult } = await evaluateDmarc({
      headerFrom: dkimResult.headerFrom,
      fromFields: dkimResult.fromFields,
      spfDomains: spfResult?.status.result === 'pass' && spfResult.domain ? [spfResult.domain] : [],
      dkimDomains: passing.map((signature) => ({ id: signature.id, domain: signature.signingDomain ?? '', aligned: signature.status.aligned, underSized: signature.status.underSized })),
      resolver,
    });

    const dkim = passing.length > 0 ? 'pass' : signatures.length > 0 ? dkimVerdict(signatures[0].status) : 'none';
    const dmarc = dmarcResult ? dmarcResult.status.result : 'none';
    const alignedDkimPass = dmarcResult !== false && passing.some((signature) => Boolean(signature.status.aligned));
    return { dkim, spf: spfResult?.status.result ?? 'none', dmarc, fromVerified: dmarc === 'pass' || (dmarc === 'none' && alignedDkimPass) };
  } catch {
    return { dkim: 'temperror', spf: 'temperror', dmarc: 'temperror', fromVerified: false };
  }
}

/** A changed body is a PERMFAIL (RFC 6376 6.1.3), reported as fail (RFC 8601); mailauth's lenient mode says neutral. */
function dkimVerdict(status: { result: string; comment?: string | boolean }): string {
  return status.result === 'neutral' && status.comment === 'body hash did not verify' ? 'fail' : status.result;
}

/**
 * For a mail taken from a mailbox: the client as the topmost Received header with a from clause
 * names it. That header is written by the mailbox's own MX, the hop we trust (mailauth's
 * trustReceived does the same).
 */
function clientFromReceived(
  dkimResult: Awaited<ReturnType<typeof dkimVerify>>,
  { getClientAddress, parseReceived }: Pick<Awaited<ReturnType<typeof loadMailauth>>, 'getClientAddress' | 'parseReceived'>,
): { ip: string | null; helo: string | null; sender: string | null } {
  const received = (dkimResult.headers?.parsed ?? []).filter((row) => row.key === 'received').map((row) => parseReceived(row.line));
  const first = received.find((row) => row.from?.value);
  const envelopeFrom = first?.['envelope-from']?.value?.replace(/[<>]/g, '').trim();
  return {
    ip: (first && getClientAddress(first.from)) || null,
    helo: first?.from?.value ?? null,
    sender: envelopeFrom || dkimResult.envelopeFrom || null,
  };
}
