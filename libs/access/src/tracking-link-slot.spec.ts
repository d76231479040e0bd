import { fillTrackingToken, TRACKING_TOKEN_SLOT, withoutTrackingTokens } from './tracking-link-slot.js';
import { trackingLink, TrackingTokenCodec } from './tracking-token-codec.js';

describe('the tracking-token slot in stored messages', () => {
  const codec = new TrackingTokenCodec('a-root-secret-that-is-long-enough-0123');
  const token = codec.forTicket('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10');

  it('is exactly as long as a token and made of its characters, so an SMS fitted around it still fits', () => {
    expect(TRACKING_TOKEN_SLOT).toHaveLength(token.length);
    expect(TRACKING_TOKEN_SLOT).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("an event's slot is as long as a token, of its characters, and differs by ticket, event and secret", () => {
    const slot = codec.slotFor('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10', '41');
    expect(slot).toHaveLength(token.length);
    expect(slot).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(slot).not.toBe(token);
    expect(codec.slotFor('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10', '42')).not.toBe(slot);
    expect(new TrackingTokenCodec('another-root-secret-that-is-long-enough').slotFor('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10', '41')).not.toBe(slot);
  });

  it("filled in, gives the link with the token; a customer's text with the stored-text slot is left as it is", () => {
    const slot = codec.slotFor('6f1c1f9e-8a43-4a44-9d8c-1c1f0b3f7a10', '41');
    const stored = `Follow: ${trackingLink('https://help.example', 'FH-ABC12', slot)} and rate: ${trackingLink('https://help.example', 'FH-ABC12', slot)}&rate`;
    const link = trackingLink('https://help.example', 'FH-ABC12', token);
    expect(fillTrackingToken(stored, token, slot)).toBe(`Follow: ${link} and rate: ${link}&rate`);
    // A subject naming the slot of stored customer text, inside a link of its own: never filled.
    const subject = `Refund https://evil.example/x#token=${TRACKING_TOKEN_SLOT}`;
    expect(fillTrackingToken(`You wrote: ${subject}\n${stored}`, token, slot)).toBe(`You wrote: ${subject}\nFollow: ${link} and rate: ${link}&rate`);
  });

  it('taken out of text to be stored, every full token becomes the stored-text slot', () => {
    const sent = `Follow: ${trackingLink('https://help.example', 'FH-ABC12', token)}`;
    expect(withoutTrackingTokens(sent)).toBe(`Follow: ${trackingLink('https://help.example', 'FH-ABC12', TRACKING_TOKEN_SLOT)}`);
    expect(withoutTrackingTokens(sent)).not.toContain(token);
  });

  it('leaves text without a full token alone', () => {
    for (const text of ['#token=short', `#token=${token}x`, `token=${token}`, 'no link here']) expect(withoutTrackingTokens(text)).toBe(text);
  });
});
