import { parseIpRange, rangeContains, unmapIpv4, type IpAddress } from './ip-address.js';

/** Addresses that are not on the public internet (IANA special-purpose registries), first match names it. */
const SPECIAL_USE = (
  [
    ['0.0.0.0/8', 'this-network'],
    ['10.0.0.0/8', 'private'],
    ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
    ['127.0.0.0/8', 'loopback'],
    ['169.254.0.0/16', 'link-local (incl. cloud metadata)'],
    ['172.16.0.0/12', 'private'],
    ['192.0.0.0/24', 'IETF protocol assignments'],
    ['192.0.2.0/24', 'documentation'],
    ['192.88.99.0/24', '6to4 relay'],
    ['192.168.0.0/16', 'private'],
    ['198.18.0.0/15', 'benchmarking'],
    ['198.51.100.0/24', 'documentation'],
    ['203.0.113.0/24', 'documentation'],
    ['224.0.0.0/4', 'multicast'],
    ['255.255.255.255/32', 'broadcast'],
    ['240.0.0.0/4', 'reserved'],
    ['::/128', 'unspecified'],
    ['::1/128', 'loopback'],
    ['64:ff9b:1::/48', 'local NAT64'],
    ['100::/64', 'discard'],
    ['2001::/32', 'Teredo tunnel'],
    ['2001:db8::/32', 'documentation'],
    ['fc00::/7', 'unique-local'],
    ['fe80::/10', 'link-local'],
    ['fec0::/10', 'site-local'],
    ['ff00::/8', 'multicast'],
  ] as const
).map(([range, name]) => ({ range: parseIpRange(range), name }));

/** IPv6 forms that carry an IPv4 address: judged by the address they carry. */
const EMBEDDING_IPV4 = [
  { range: parseIpRange('::/96'), name: 'IPv4-compatible', extract: (value: bigint) => value & 0xffff_ffffn },
  { range: parseIpRange('64:ff9b::/96'), name: 'NAT64', extract: (value: bigint) => value & 0xffff_ffffn },
  { range: parseIpRange('2002::/16'), name: '6to4', extract: (value: bigint) => (value >> 80n) & 0xffff_ffffn },
];

/** The kind of non-public address `ip` is, or null when it is a public one. */
export function specialUseOf(ip: IpAddress): string | null {
  const mapped = unmapIpv4(ip);
  if (mapped) return labelled(specialUseOf(mapped), 'IPv4-mapped');
  for (const { range, name } of SPECIAL_USE) if (rangeContains(range, ip)) return name;
  for (const { range, name, extract } of EMBEDDING_IPV4) {
    if (rangeContains(range, ip)) return labelled(specialUseOf({ version: 4, value: extract(ip.value) }), name);
  }
  return null;
}

function labelled(inner: string | null, form: string): string | null {
  return inner === null ? null : `${inner}, ${form}`;
}
