import { bounceReason, NEVER_A_TICKET_REASONS, neverATicketReason, noiseReason, quotedOnlyReason, senderRateReason, unreadableReason } from './unticketed-reason.js';

describe('why a mail made no ticket, as a kind', () => {
  it('records the kind with every reason the intake records', () => {
    expect(senderRateReason(30)).toEqual({ kind: 'sender_rate', text: 'more than 30 mails from this sender in an hour' });
    expect(quotedOnlyReason('FH-7K3QX')).toEqual({ kind: 'quoted_only', text: 'a reply on FH-7K3QX with no text of its own (only the quoted history)' });
    expect(noiseReason('auto_submitted', 'Auto-Submitted: auto-replied')).toEqual({ kind: 'automatic', text: 'auto_submitted: Auto-Submitted: auto-replied' });
    expect(noiseReason('auto_submitted', 'MAIL FROM:<> (a null sender: machine-made mail)')).toEqual({ kind: 'automatic', text: 'auto_submitted: MAIL FROM:<> (a null sender: machine-made mail)' });
    expect(noiseReason('precedence', 'Precedence: bulk')).toEqual({ kind: 'automatic', text: 'precedence: Precedence: bulk' });
    expect(noiseReason('auto_response_suppress', 'X-Auto-Response-Suppress: OOF')).toEqual({ kind: 'automatic', text: 'auto_response_suppress: X-Auto-Response-Suppress: OOF' });
    expect(noiseReason('list', 'List-Id: <news.example.com>')).toEqual({ kind: 'list', text: 'list: List-Id: <news.example.com>' });
    expect(noiseReason('bounce', 'sent by mailer-daemon@example.com')).toEqual({ kind: 'bounce', text: 'bounce: sent by mailer-daemon@example.com' });
    expect(bounceReason('5b1e…')).toEqual({ kind: 'bounce', text: 'bounce of notification 5b1e…' });
    expect(bounceReason(null)).toEqual({ kind: 'bounce', text: 'bounce' });
    for (const [kind, text] of Object.entries(NEVER_A_TICKET_REASONS)) expect(neverATicketReason(kind as keyof typeof NEVER_A_TICKET_REASONS)).toEqual({ kind, text });
    expect(unreadableReason('too_large', "The mail is 30000000 bytes. Not downloaded; the mail is in the mailbox's quarantine folder.")).toEqual({
      kind: 'too_large',
      text: "too_large: The mail is 30000000 bytes. Not downloaded; the mail is in the mailbox's quarantine folder.",
    });
    expect(unreadableReason('too_many_parts', 'The mail has more than 1000 parts.').kind).toBe('too_many_parts');
    expect(unreadableReason('unknown_charset', 'x-klingon-9').kind).toBe('unknown_charset');
  });

  it('says "other" for a refusal it has no kind for', () => {
    expect(unreadableReason('something new', 'details')).toEqual({ kind: 'other', text: 'something new: details' });
  });
});
