import { NEVER_A_TICKET_REASONS, quotedOnlyReason, senderRateReason, unticketedReasonKind } from './unticketed-reason.js';

describe('why a mail made no ticket, as a kind', () => {
  it('reads the kind back from every reason the intake records', () => {
    expect(unticketedReasonKind(senderRateReason(30))).toBe('sender_rate');
    expect(unticketedReasonKind(`${senderRateReason(30)}; original not kept (60 or more mails from this sender in an hour), so it cannot be taken in`)).toBe('sender_rate');
    expect(unticketedReasonKind(quotedOnlyReason('FH-7K3QX'))).toBe('quoted_only');
    expect(unticketedReasonKind('auto_submitted: Auto-Submitted: auto-replied')).toBe('automatic');
    expect(unticketedReasonKind('auto_submitted: MAIL FROM:<> (a null sender: machine-made mail)')).toBe('automatic');
    expect(unticketedReasonKind('precedence: Precedence: bulk')).toBe('automatic');
    expect(unticketedReasonKind('list: List-Id: <news.example.com>')).toBe('list');
    expect(unticketedReasonKind('bounce of notification 5b1e…')).toBe('bounce');
    for (const [kind, reason] of Object.entries(NEVER_A_TICKET_REASONS)) expect(unticketedReasonKind(reason)).toBe(kind);
    expect(unticketedReasonKind("too_large: The mail is 30000000 bytes. Not downloaded; the mail is in the mailbox's quarantine folder.")).toBe('too_large');
    expect(unticketedReasonKind('too_many_parts: The mail has more than 1000 parts.')).toBe('too_many_parts');
    expect(unticketedReasonKind('unknown_charset: x-klingon-9')).toBe('unknown_charset');
  });

  it('says "other" for a reason it does not know, and nothing for none', () => {
    expect(unticketedReasonKind('something new')).toBe('other');
    expect(unticketedReasonKind(null)).toBeNull();
  });
});
