import { RecipientPolicy } from './recipient-policy.js';

describe('RecipientPolicy', () => {
  it('takes any address at an accepted domain, whatever the case', () => {
    const policy = new RecipientPolicy(['Support.Example']);
    expect(policy.accepts('help@support.example')).toBe(true);
    expect(policy.accepts('HELP@SUPPORT.EXAMPLE')).toBe(true);
    expect(policy.accepts('help@other.example')).toBe(false);
    expect(policy.accepts('help@sub.support.example')).toBe(false);
    expect(policy.accepts('no-at-sign')).toBe(false);
    expect(policy.accepts('@support.example')).toBe(false);
  });

  it('with listed addresses, takes only those, plus-tags included', () => {
    const policy = new RecipientPolicy(['support.example'], ['support@support.example']);
    expect(policy.accepts('support@support.example')).toBe(true);
    expect(policy.accepts('support+FH-12345@support.example')).toBe(true);
    expect(policy.accepts('sales@support.example')).toBe(false);
    expect(policy.accepts('support@other.example')).toBe(false);
  });
});
