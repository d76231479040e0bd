import { isIPv4, isIPv6 } from 'node:net';

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  base: bigint;
  prefix: number;
}

export function parseIp(text: string): IpAddress | null {
  if (isIPv4(text)) return { version: 4, value: ipv4Value(text) };
  const withoutZone = text.split('%')[0]!;
  if (isIPv6(withoutZone)) return { version: 6, value: ipv6Value(withoutZone) };
  return null;
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address. Throws on anything else: it is operator configuration. */
export function parseIpRange(text: string): IpRange {
  const [addressText, prefixText, extra] = text.trim().split('/');
  const address = parseIp(addressText ?? '');
  const width = address?.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (!address || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > width || prefixText === '') {
    throw new Error(`"${text}" is not an IP range (expected e.g. 10.0.0.0/8 or fd00::/8).`);
  }
  return { version: address.version, base: address.value & mask(address.version, prefix), prefix };
}

export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  return range.version === ip.version && (ip.value & mask(ip.version, range.prefix)) === range.base;
}

/** The IPv4 address inside `::ffff:a.b.c.d`, or null. */
export function unmapIpv4(ip: IpAddress): IpAddress | null {
  return ip.version === 6 && ip.value >> 32n === 0xffffn ? { version: 4, value: ip.value & 0xffff_ffffn } : null;
}

function mask(version: 4 | 6, prefix: number): bigint {
  const width = version === 4 ? 32 : 128;
  return ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  let address = text;
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Value(tail);
    address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = address.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}
