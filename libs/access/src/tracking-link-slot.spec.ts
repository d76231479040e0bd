import { fillTrackingToken, TRACKING_TOKEN_SLOT, withoutTrackingTokens } from './tracking-link-slot.js';
import { trackingLink, TrackingTokenCodec } from './tracking-token-codec.js';

describe('the tracking-token slot in stored messages', () => {
  const codec = new TrackingTokenCodec('a-root-secret-that-is-long-enough-0123');
  const token = codec.forTicket('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10');

  it('is exactly as long as a token and made of its characters, so an SMS fitted around it still fits', () => {
    expect(TRACKING_TOKEN_SLOT).toHaveLength(token.length);
    expect(TRACKING_TOKEN_SLOT).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('filled in, gives the link with the token; taken out, gives the slot back', () => {
    const stored = `Follow: ${trackingLink('https://help.example', 'FH-ABC12', TRACKING_TOKEN_SLOT)} and rate: ${trackingLink('https://help.example', 'FH-ABC12', TRACKING_TOKEN_SLOT)}&rate`;
    const sent = fillTrackingToken(stored, token);
    const link = trackingLink('https://help.example', 'FH-ABC12', token);
    expect(sent).toBe(`Follow: ${link} and rate: ${link}&rate`);
    expect(withoutTrackingTokens(sent)).toBe(stored);
    expect(withoutTrackingTokens(sent)).not.toContain(token);
  });

  it('leaves text without a full token alone', () => {
    for (const text of ['#token=short', `#token=${token}x`, `token=${token}`, 'no link here']) expect(withoutTrackingTokens(text)).toBe(text);
  });
});
