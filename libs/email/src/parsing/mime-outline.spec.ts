import { outlineMime } from './mime-outline.js';

const inner = (extra = '') => ['From: vendor@supplier.example', 'Subject: Your order', ...(extra ? [extra] : []), '', 'Shipped today.'].join('\r\n');

const mail = (part: string) =>
  Buffer.from(
    ['From: ana@example.com', 'To: support@help.example', 'Subject: Fwd', 'Content-Type: multipart/mixed; boundary="outer"', '', '--outer', 'Content-Type: text/plain', '', 'See below.', '--outer', part, '--outer--', ''].join('\r\n'),
  );

describe('outlineMime: a mail carried inside', () => {
  it('finds one forwarded inline, and not one forwarded as an attachment', () => {
    expect(outlineMime(mail(`Content-Type: message/rfc822\r\n\r\n${inner()}`), 20).hasInlineMessage).toBe(true);
    expect(outlineMime(mail(`Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="a.eml"\r\n\r\n${inner()}`), 20).hasInlineMessage).toBe(false);
  });

  it('does not count a mail inside an attached one: mailparser keeps the attachment whole, its parts unread', () => {
    const nested = [
      'From: vendor@supplier.example',
      'Content-Type: multipart/mixed; boundary="in"',
      '',
      '--in',
      'Content-Type: text/plain',
      '',
      'Forwarding this.',
      '--in',
      'Content-Type: message/rfc822',
      '',
      inner(),
      '--in--',
    ].join('\r\n');
    expect(outlineMime(mail(`Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="a.eml"\r\n\r\n${nested}`), 20).hasInlineMessage).toBe(false);
  });

  it('finds none in a plain mail', () => {
    expect(outlineMime(Buffer.from('From: a@example.com\r\nSubject: Hi\r\n\r\nHello\r\n'), 20).hasInlineMessage).toBe(false);
  });
});
