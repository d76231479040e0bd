import { COMPOSE_LIMITS, replyDraftFor } from '../../scripts/lib/customer-mail.mjs';

// The local inbox's Reply, as a customer's mail client starts one: above the quoted mail.
describe('the local inbox: a Reply quotes the mail it answers', () => {
  const mail = { from: '"Firsthand Support" <support@firsthand.local>', to: ['ana@customer.example'], subject: '[FH-7QR8D] Wang Fang replied', messageId: '<n1@firsthand>', references: [] };

  it('puts "On <date>, <sender> wrote:" and each line after "> " under two empty lines, whatever the line breaks', () => {
    const draft = replyDraftFor({ ...mail, text: 'Hi Ana,\r\n\r\nplease restart it.\rThanks\n\n' }, 'support@firsthand.local', '2026-12-06T15:29:56.000Z');
    expect(draft.text).toBe('\n\nOn Sun, 06 Dec 2026 15:29:56 UTC, "Firsthand Support" <support@firsthand.local> wrote:\n> Hi Ana,\n>\n> please restart it.\n> Thanks\n');
    expect(draft).toMatchObject({ fromAddress: 'ana@customer.example', subject: 'Re: [FH-7QR8D] Wang Fang replied', inReplyTo: '<n1@firsthand>', references: '<n1@firsthand>' });
  });

  it('quotes nothing from a mail without text, and dates the quote now when the time it came is unknown', () => {
    expect(replyDraftFor({ ...mail, text: '  \n' }, 'support@firsthand.local').text).toBe('');
    const before = Date.now();
    const undated = replyDraftFor({ ...mail, text: 'Hello' }, 'support@firsthand.local', 'not a date').text;
    const [, when] = /^\n\nOn (.+), "Firsthand Support"/.exec(undated) ?? [];
    expect(Date.parse(when!.replace(/ UTC$/, ' GMT'))).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it('cuts a long mail\'s quote so the answer still has room in the form', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `line ${i} of a very long notification`).join('\n');
    const { text } = replyDraftFor({ ...mail, text: long }, 'support@firsthand.local', '2026-12-06T15:29:56.000Z');
    expect(text.length).toBeLessThanOrEqual(COMPOSE_LIMITS.textChars - 10_000);
    expect(text.length).toBeGreaterThan(COMPOSE_LIMITS.textChars - 10_100);
    expect(text).toMatch(/\n> line \d+ of a very long notification\n> \[…\]\n$/);
    expect(text).toContain('> line 0 of a very long notification\n');
  });
});
