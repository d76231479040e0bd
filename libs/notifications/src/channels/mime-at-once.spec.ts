import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { builtAtOnce } from './mime-at-once.js';

type Options = ConstructorParameters<typeof MailComposer>[0];

/** The same message composed twice (a composed tree is built once): the boundary and date fixed, as the Message-ID is. */
const composed = (options: Options) => new MailComposer({ date: new Date('2026-12-06T08:00:00Z'), baseBoundary: 'c0ffee', messageId: '<n-1@firsthand>', ...options }).compile();

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256))]);
const references = Array.from({ length: 50 }, (_, i) => `<m${i}.${'x'.repeat(30)}@customer.example>`);

const messages: Array<[string, Options]> = [
  ['short ASCII text (7bit)', { from: 'support@firsthand.local', to: 'li@example.com', subject: 'Hello', text: 'Thanks, we got it.\n' }],
  [
    'Chinese text and HTML, long lines, auto-reply and thread headers',
    {
      from: 'Firsthand 支持 <support@firsthand.local>',
      to: '"Wang, Fang" <wang@example.com>',
      subject: `[FH-ABCDE] 我们已收到您的问题：打印机不工作 ${'很长的主题 '.repeat(12)}`,
      text: `您好，王芳：\n\n${'我们已经收到您的问题，并为您创建了工单。'.repeat(20)}\n\nhttps://help.example.test/track/${'a'.repeat(120)}\n`,
      html: `<p>您好 <b>王芳</b></p><p>${'a long line without breaks '.repeat(40)}</p>`,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
      replyTo: 'support+fh-abcde@firsthand.local',
      inReplyTo: references[49],
      references,
    },
  ],
  [
    'files: an image with a Chinese name, a text file with trailing spaces and CR LF, an empty one',
    {
      from: 'support@firsthand.local',
      to: 'li@example.com',
      subject: 'Re: [FH-ABCDE] your screenshot',
      text: 'See the files.  \r\nTrailing spaces stay.   ',
      attachments: [
        { filename: '截图 2026-12-06.png', contentType: 'image/png', content: png },
        { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('line one   \r\nline two\r\n=equals= and tabs\t\r\n') },
        { filename: 'empty.bin', contentType: 'application/octet-stream', content: Buffer.alloc(0) },
      ],
    },
  ],
  ['a text ending in a lone CR', { from: 'support@firsthand.local', to: 'li@example.com', subject: 'CR', text: 'ends with CR\r' }],
  ['HTML only', { from: 'support@firsthand.local', to: 'li@example.com', subject: 'HTML', html: '<p>Only HTML, ünïcödé.</p>' }],
  ['a recipient named in Chinese, as the sender writes it', { from: 'support@firsthand.local', to: { name: '王芳', address: 'wang@example.com' }, subject: 'Named', text: 'Hello' }],
];

describe('builtAtOnce', () => {
  it.each(messages)('writes the bytes nodemailer streams: %s', async (_name, options) => {
    const streamed = await composed(options).build();
    const atOnce = builtAtOnce(composed(options));
    expect(atOnce).not.toBeNull();
    expect(atOnce!.toString('latin1')).toBe(streamed.toString('latin1'));
  });

  it('leaves to the stream what only it handles: a content stream, a file path, a quoted-printable text over 64 KiB', () => {
    expect(builtAtOnce(composed({ from: 'a@b.example', to: 'c@d.example', text: Readable.from(['streamed']) }))).toBeNull();
    expect(builtAtOnce(composed({ from: 'a@b.example', to: 'c@d.example', text: 'x', attachments: [{ filename: 'x.txt', path: '/etc/hostname' }] }))).toBeNull();
    expect(builtAtOnce(composed({ from: 'a@b.example', to: 'c@d.example', text: `${'ünïcödé line\n'.repeat(5000)}` }))).toBeNull();
  });
});
