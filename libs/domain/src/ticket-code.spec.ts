import { isTicketCode, newTicketCode, TICKET_CODE_PATTERN } from './ticket-code.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('newTicketCode', () => {
  const codes = Array.from({ length: 5_000 }, () => newTicketCode());

  it('is FH- followed by five Crockford base32 characters', () => {
    const malformed = codes.filter((code) => !/^FH-[0-9A-Z]{5}$/.test(code) || ![...code.slice(3)].every((c) => CROCKFORD.includes(c)));

    expect(malformed).toEqual([]);
  });

  it('never uses I, L, O or U', () => {
    expect(codes.some((code) => /[ILOU]/.test(code.slice(3)))).toBe(false);
  });

  it('draws from the whole 32-character alphabet', () => {
    const seen = new Set(codes.flatMap((code) => [...code.slice(3)]));

    expect([...seen].sort().join('')).toBe(CROCKFORD);
  });

  it('is random, not sequential', () => {
    expect(new Set(codes).size).toBeGreaterThan(codes.length * 0.99);
  });

  it('always passes its own check', () => {
    expect(codes.every(isTicketCode)).toBe(true);
  });
});

describe('isTicketCode', () => {
  it.each(['FH-7K3QX', 'FH-00000', 'FH-ZZZZZ', 'FH-ABCDE', 'FH-VWXYZ'])('accepts %s', (code) => {
    expect(isTicketCode(code)).toBe(true);
  });

  it.each([
    ['lower case', 'fh-7k3qx'],
    ['an I', 'FH-7K3QI'],
    ['an L', 'FH-L7K3Q'],
    ['an O', 'FH-7KOQX'],
    ['a U', 'FH-U7K3Q'],
    ['four characters', 'FH-7K3Q'],
    ['six characters', 'FH-7K3QXA'],
    ['another prefix', 'XX-7K3QX'],
    ['no dash', 'FH7K3QX'],
    ['surrounding text', ' FH-7K3QX'],
    ['a trailing newline', 'FH-7K3QX\n'],
    ['punctuation', 'FH-7K3Q-'],
    ['the empty string', ''],
  ])('rejects %s', (_what, code) => {
    expect(isTicketCode(code)).toBe(false);
  });

  it('accepts every Crockford character in every position and rejects every other letter', () => {
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
      expect(TICKET_CODE_PATTERN.test(`FH-${c.repeat(5)}`)).toBe(CROCKFORD.includes(c));
    }
  });
});
