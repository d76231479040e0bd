import { lookup } from 'node:dns/promises';
import { DeliveryFailed } from './delivery-failed.js';
import { parseIp, parseIpRange, rangeContains, unmapIpv4, type IpAddress, type IpRange } from './ip-address.js';
import { specialUseOf } from './special-use-ranges.js';

export interface WebhookTargetPolicy {
  /** Development only: deliver to private, loopback and link-local addresses too. */
  allowPrivateTargets: boolean;
  /** Non-public ranges the operator trusts anyway, e.g. `["10.20.0.0/16"]`. */
  allowedCidrs?: readonly string[];
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A URL and the one address, checked, that the request must connect to. */
export interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * The SSRF guard (OWASP API7): a webhook URL is someone else's input, so before we connect we
 * resolve it and refuse any address that is not on the public internet, unless allowed.
 */
export class WebhookTargetGuard {
  private readonly allowed: IpRange[];

  constructor(private readonly policy: WebhookTargetPolicy, private readonly resolveHost: HostResolver = systemResolver) {
    this.allowed = (policy.allowedCidrs ?? []).map(parseIpRange);
  }

  async vet(rawUrl: string): Promise<VettedTarget> {
    const url = parseUrl(rawUrl);
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const literal = parseIp(hostname);
    const addresses = literal ? [{ address: hostname, ip: literal }] : await this.resolve(hostname, url);
    for (const candidate of addresses) this.refuseIfNotAllowed(candidate, url, literal !== null);
    const first = addresses[0]!;
    return { url, address: first.address, family: first.ip.version };
  }

  private async resolve(hostname: string, url: URL): Promise<Candidate[]> {
    let resolved: ResolvedAddress[];
    try {
      resolved = await this.resolveHost(hostname);
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error);
      throw new DeliveryFailed('unreachable', `Could not resolve the webhook host ${url.host} (${code}).`, { cause: error });
    }
    const addresses = resolved.flatMap(({ address }) => {
      const ip = parseIp(address);
      return ip ? [{ address, ip }] : [];
    });
    if (addresses.length === 0) throw new DeliveryFailed('unreachable', `The webhook host ${url.host} resolves to no address.`);
    return addresses;
  }

  private refuseIfNotAllowed({ address, ip }: Candidate, url: URL, literal: boolean): void {
    if (this.policy.allowPrivateTargets) return;
    const kind = specialUseOf(ip);
    if (kind === null || this.isAllowed(ip)) return;
    const where = literal ? `is the address ${address}` : `resolves to ${address}`;
    throw new DeliveryFailed(
      'ssrf_refused',
      `Refused webhook target ${url.origin}: it ${where} (${kind}), not a public address. ` +
        'An operator may allow it with allowPrivateTargets or allowedCidrs.',
    );
  }

  private isAllowed(ip: IpAddress): boolean {
    const candidates = [ip, unmapIpv4(ip)].filter((c): c is IpAddress => c !== null);
    return this.allowed.some((range) => candidates.some((candidate) => rangeContains(range, candidate)));
  }
}

interface Candidate {
  address: string;
  ip: IpAddress;
}

function parseUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new DeliveryFailed('invalid_target', 'The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryFailed('ssrf_refused', `Refused webhook target: only http and https URLs are allowed, not ${url.protocol}`);
  }
  return url;
}
