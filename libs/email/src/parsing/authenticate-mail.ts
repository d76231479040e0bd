import { authenticate } from 'mailauth';

/** Answers a DNS question as node's dns.promises.resolve does (TXT answers as string[][]). */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** 'pass' | 'fail' | 'none' | 'neutral' | 'softfail' | 'temperror' | 'permerror' | 'policy'. */
export interface MailAuthentication {
  dkim: string;
  spf: string;
  dmarc: string;
  /** The From address really belongs to the sender: DMARC pass, or an aligned DKIM pass where the domain has no DMARC record. */
  fromVerified: boolean;
}

export interface MailEnvelope {
  remoteAddress: string | null;
  helo: string | null;
  mailFrom: string | null;
}

/**
 * DKIM, SPF and DMARC for one received mail (mailauth). Never throws: a lookup that fails
 * outright reports temperror and an unverified sender, as a DNS outage must not lose mail.
 */
export async function authenticateMail(raw: Buffer, envelope: MailEnvelope, resolver?: DnsResolver): Promise<MailAuthentication> {
  try {
    const result = await authenticate(raw, {
      ip: envelope.remoteAddress ?? undefined,
      helo: envelope.helo ?? undefined,
      sender: envelope.mailFrom ?? undefined,
      // Without the connecting address, the Received header we wrote ourselves is the best source.
      trustReceived: envelope.remoteAddress === null,
      resolver,
      mta: 'firsthand',
      disableBimi: true,
    });
    const signatures = result.dkim?.results ?? [];
    const passing = signatures.filter((signature) => signature.status.result === 'pass');
    const dkim = passing.length > 0 ? 'pass' : (signatures[0]?.status.result ?? 'none');
    const spf = result.spf ? result.spf.status.result : 'none';
    const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
    const alignedDkimPass = passing.some((signature) => Boolean(signature.status.aligned));
    return { dkim, spf, dmarc, fromVerified: dmarc === 'pass' || (dmarc === 'none' && result.dmarc !== false && alignedDkimPass) };
  } catch {
    return { dkim: 'temperror', spf: 'temperror', dmarc: 'temperror', fromVerified: false };
  }
}
