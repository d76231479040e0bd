import { parseIp, parseIpRange, rangeContains } from './ip-address.js';
import { specialUseOf } from './special-use-ranges.js';

const kindOf = (address: string) => specialUseOf(parseIp(address)!);

describe('specialUseOf', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local (incl. cloud metadata)'],
    ['0.0.0.0', 'this-network'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback, IPv4-mapped'],
    ['::ffff:7f00:1', 'loopback, IPv4-mapped'],
    ['::ffff:169.254.169.254', 'link-local (incl. cloud metadata), IPv4-mapped'],
    ['::ffff:10.0.0.1', 'private, IPv4-mapped'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private, IPv4-mapped'],
    ['64:ff9b::10.0.0.1', 'private, NAT64'],
    ['2002:7f00:0001::1', 'loopback, 6to4'],
    ['::127.0.0.1', 'loopback, IPv4-compatible'],
  ])('%s is %s', (address, kind) => {
    expect(kindOf(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])('%s is public', (address) => {
    expect(kindOf(address)).toBeNull();
  });
});

describe('IP ranges', () => {
  it('match addresses inside them only', () => {
    const range = parseIpRange('10.20.0.0/16');
    expect(rangeContains(range, parseIp('10.20.255.1')!)).toBe(true);
    expect(rangeContains(range, parseIp('10.21.0.1')!)).toBe(false);
    expect(rangeContains(parseIpRange('fd00::/8'), parseIp('fd00:1::5')!)).toBe(true);
    expect(rangeContains(parseIpRange('127.0.0.1'), parseIp('127.0.0.1')!)).toBe(true);
    expect(rangeContains(parseIpRange('127.0.0.1'), parseIp('127.0.0.2')!)).toBe(false);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', 'example.com/8', '::1/129', '10.0.0.0/8/1', ''])('refuses the range %j', (text) => {
    expect(() => parseIpRange(text)).toThrow(/not an IP range/);
  });
});
