import { describe, expect, it } from '@jest/globals';
import { isOwnAddress, replyAddressFor, ticketCodeFromAddress, ticketCodeInSubject } from './mail-addressing.js';

describe('mail addressing', () => {
  it('plus-addresses the support address with the ticket code and reads it back in any case', () => {
    const address = replyAddressFor('FH-7K3QX', 'support@example.com');
    expect(address).toBe('support+fh-7k3qx@example.com');
    expect(ticketCodeFromAddress(address, 'support@example.com')).toBe('FH-7K3QX');
    expect(ticketCodeFromAddress('SUPPORT+FH-7K3QX@EXAMPLE.COM', 'support@example.com')).toBe('FH-7K3QX');
  });

  it('finds no code in other addresses, other domains or malformed codes', () => {
    expect(ticketCodeFromAddress('support@example.com', 'support@example.com')).toBeNull();
    expect(ticketCodeFromAddress('support+fh-7k3qx@evil.test', 'support@example.com')).toBeNull();
    expect(ticketCodeFromAddress('sales+fh-7k3qx@example.com', 'support@example.com')).toBeNull();
    expect(ticketCodeFromAddress('support+fh-7k3qI@example.com', 'support@example.com')).toBeNull();
    expect(ticketCodeFromAddress('no-at-sign', 'support@example.com')).toBeNull();
  });

  it('reads a bracketed code from a subject', () => {
    expect(ticketCodeInSubject('Re: 回复: [fh-7k3qx] 打印机坏了')).toBe('FH-7K3QX');
    expect(ticketCodeInSubject('回复：【FH-7K3QX】Li Wei 正在处理您的问题')).toBe('FH-7K3QX');
    expect(ticketCodeInSubject('FH-7K3QX without brackets')).toBeNull();
  });

  it('knows our own addresses', () => {
    expect(isOwnAddress('Support@Example.com', 'support@example.com')).toBe(true);
    expect(isOwnAddress('support+fh-7k3qx@example.com', 'support@example.com')).toBe(true);
    expect(isOwnAddress('noreply@example.com', 'support@example.com', ['noreply@example.com'])).toBe(true);
    expect(isOwnAddress('customer@example.com', 'support@example.com')).toBe(false);
  });
});
