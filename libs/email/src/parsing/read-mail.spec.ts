import { createHash } from 'node:crypto';
import { MAX_MIME_PARTS, readMail } from './read-mail.js';
import { MailRefused } from './read-mail.types.js';
import { composeMail, encodedWord, inCharset, quotedPrintable, rawMail, roomyLimits } from './testing/fixture-mails.js';

async function refusal(raw: Buffer, limits = roomyLimits): Promise<MailRefused> {
  const outcome = await readMail(raw, limits).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(MailRefused);
  return outcome as MailRefused;
}

describe('readMail: Chinese charsets', () => {
  it('decodes a GB2312 encoded-word subject and an 8-bit GB2312 body', async () => {
    const raw = rawMail(
      `From: ${encodedWord('张三', 'GB2312')} <ZhangSan@Example.CN>
To: support@firsthand.local
Subject: ${encodedWord('打印机无法连接', 'GB2312')}
Message-ID: <gb2312-1@example.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset=GB2312
Content-Transfer-Encoding: 8bit

`,
      inCharset('你好，办公室的打印机昨天开始无法连接。\r\n', 'gb2312'),
    );
    const mail = await readMail(raw, roomyLimits);
    expect(mail.subject).toBe('打印机无法连接');
    expect(mail.from).toEqual({ address: 'zhangsan@example.cn', name: '张三' });
    expect(mail.fullText).toBe('你好，办公室的打印机昨天开始无法连接。');
    expect(mail.newText).toBe('你好，办公室的打印机昨天开始无法连接。');
    expect(mail.locale).toBe('zh-CN');
  });

  it('decodes a quoted-printable GBK body with characters outside GB2312', async () => {
    // 镕 and 玥 are in GBK but not in GB2312.
    const text = '朱镕基和王玥的账户都登录不了。';
    const raw = rawMail(
      `From: wang@example.cn
Subject: =?GBK?Q?${[...inCharset('登录问题', 'gbk')].map((b) => `=${b.toString(16).toUpperCase()}`).join('')}?=
Content-Type: text/plain; charset="gbk"
Content-Transfer-Encoding: quoted-printable

${quotedPrintable(inCharset(text, 'gbk'))}
`,
    );
    const mail = await readMail(raw, roomyLimits);
    expect(mail.subject).toBe('登录问题');
    expect(mail.fullText).toBe(text);
  });

  it('decodes GBK characters in a mail labelled GB2312, as Chinese clients often send them', async () => {
    const raw = rawMail('From: a@example.cn\nSubject: x\nContent-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: 8bit\n\n', inCharset('朱镕基的账户', 'gbk'));
    expect((await readMail(raw, roomyLimits)).fullText).toBe('朱镕基的账户');
  });

  it('decodes a base64 GB18030 body, four-byte characters included', async () => {
    const text = '发票上的公司名是𠀀字号，系统显示成了问号。';
    const raw = rawMail(
      `From: li@example.cn
Subject: ${encodedWord('发票', 'GB18030')}
Content-Type: text/plain; charset=GB18030
Content-Transfer-Encoding: base64

${inCharset(text, 'gb18030').toString('base64')}
`,
    );
    expect(inCharset('𠀀', 'gb18030')).toHaveLength(4);
    const mail = await readMail(raw, roomyLimits);
    expect(mail.subject).toBe('发票');
    expect(mail.fullText).toBe(text);
  });

  it('decodes Big5 (traditional Chinese) in the subject, the sender name and a base64 body', async () => {
    const raw = rawMail(
      `From: ${encodedWord('陳先生', 'Big5', 'Q')} <chen@example.tw>
Subject: ${encodedWord('帳號被鎖定', 'Big5')}
Content-Type: text/plain; charset=big5
Content-Transfer-Encoding: base64

${inCharset('您好，我的帳號被鎖定了，請協助處理。', 'big5').toString('base64')}
`,
    );
    const mail = await readMail(raw, roomyLimits);
    expect(mail.from).toEqual({ address: 'chen@example.tw', name: '陳先生' });
    expect(mail.subject).toBe('帳號被鎖定');
    expect(mail.fullText).toBe('您好，我的帳號被鎖定了，請協助處理。');
    expect(mail.locale).toBe('zh-CN');
  });

  it('refuses a text part in a charset nobody can decode, instead of guessing it as UTF-8', async () => {
    const raw = rawMail(
      `From: a@example.cn
Subject: x
Content-Type: text/plain; charset=x-firsthand-unknown
Content-Transfer-Encoding: 8bit

`,
      inCharset('乱码', 'gbk'),
    );
    const refused = await refusal(raw);
    expect(refused.reason).toBe('unknown_charset');
    expect(refused.message).toContain('x-firsthand-unknown');
  });

  it('does not mind an unknown charset on a text attachment, which is kept as bytes', async () => {
    const raw = rawMail(`From: a@example.cn
Subject: export
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m"

--m
Content-Type: text/plain; charset=utf-8

The export is attached.
--m
Content-Type: text/csv; charset=unknown-8bit; name="export.csv"
Content-Disposition: attachment; filename="export.csv"

a;b
--m--
`);
    const mail = await readMail(raw, roomyLimits);
    expect(mail.fullText).toBe('The export is attached.');
    expect(mail.files.map((file) => [file.filename, file.bytes.toString()])).toEqual([['export.csv', 'a;b']]);
  });

  it('refuses an encoded word in an unknown charset too', async () => {
    const refused = await refusal(rawMail('From: a@example.cn\nSubject: =?x-klingon?B?AAEC?=\n\nhello\n'));
    expect(refused.reason).toBe('unknown_charset');
  });
});

describe('readMail: headers', () => {
  it('reads ids, addresses, the date, and keys deduplication on the Message-ID', async () => {
    const raw = rawMail(`From: "Sara Lopez" <Sara.Lopez@Example.COM>
Reply-To: sara+help@example.com
To: Support <SUPPORT@firsthand.local>, team: a@firsthand.local, b@firsthand.local;
Cc: boss@example.com
Subject:   Re: [FH-AB123] Printer still broken  
Date: Tue, 01 Dec 2026 10:00:00 +0800
Message-ID: <CAF=abc.123@mail.example.com>
In-Reply-To: <fh-1.ticket@firsthand.local>
References: <first@example.com>
 <fh-1.ticket@firsthand.local>

It still does not print.
`);
    const mail = await readMail(raw, roomyLimits);
    expect(mail.messageId).toBe('CAF=abc.123@mail.example.com');
    expect(mail.dedupKey).toBe('mid:CAF=abc.123@mail.example.com');
    expect(mail.inReplyTo).toEqual(['fh-1.ticket@firsthand.local']);
    expect(mail.references).toEqual(['first@example.com', 'fh-1.ticket@firsthand.local']);
    expect(mail.from).toEqual({ address: 'sara.lopez@example.com', name: 'Sara Lopez' });
    expect(mail.replyTo).toEqual({ address: 'sara+help@example.com', name: null });
    expect(mail.to.map((a) => a.address)).toEqual(['support@firsthand.local', 'a@firsthand.local', 'b@firsthand.local']);
    expect(mail.cc).toEqual([{ address: 'boss@example.com', name: null }]);
    expect(mail.subject).toBe('Re: [FH-AB123] Printer still broken');
    expect(mail.date?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(mail.locale).toBe('en');
    expect(mail.noise).toBeNull();
    expect(mail.bounce).toBeNull();
    expect(mail.sizeBytes).toBe(raw.length);
  });

  it('keys a mail without Message-ID on the SHA-256 of its bytes, the same for the same bytes', async () => {
    const raw = rawMail('From: a@example.com\nSubject: no id\nDate: not a date at all\n\nhello\n');
    const first = await readMail(raw, roomyLimits);
    const again = await readMail(Buffer.from(raw), roomyLimits);
    expect(first.messageId).toBeNull();
    expect(first.dedupKey).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(again.dedupKey).toBe(first.dedupKey);
    expect(first.date).toBeNull();
  });
});

describe('readMail: structure', () => {
  it('takes the text part of multipart/alternative as the text', async () => {
    const raw = await composeMail({
      from: 'a@example.com',
      to: 'support@firsthand.local',
      subject: 'alt',
      text: 'The plain version.',
      html: '<p>The <b>HTML</b> version.</p>',
    });
    expect(raw.toString()).toContain('multipart/alternative');
    const mail = await readMail(raw, roomyLimits);
    expect(mail.fullText).toBe('The plain version.');
    expect(mail.files).toEqual([]);
  });

  it("reads an HTML mail's words when it carries files (a pasted screenshot, a signature logo) or its text part is blank", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const withFile = await composeMail({ from: 'a@example.com', subject: 'file', html: '<p>When I click checkout nothing happens.</p>', attachments: [{ filename: 'shot.png', content: png }] });
    const pasted = await composeMail({ from: 'a@example.com', subject: 'cid', html: '<p>Pasted below:</p><img src="cid:shot1">', attachments: [{ filename: 'image001.png', content: png, cid: 'shot1' }] });
    const blankText = await composeMail({ from: 'a@example.com', subject: 'blank', text: ' ', html: '<p>My voucher code XMAS25 is rejected.</p>' });
    expect((await readMail(withFile, roomyLimits)).newText).toBe('When I click checkout nothing happens.');
    expect((await readMail(pasted, roomyLimits)).newText).toBe('Pasted below:');
    expect((await readMail(blankText, roomyLimits)).newText).toBe('My voucher code XMAS25 is rejected.');
  });

  it("keeps an HTML table's cells apart, a row to a line (\"ItemQtyVase2\" and \"9:00401\" before)", async () => {
    const raw = await composeMail({ from: 'a@example.com', subject: 'table', html: '<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Vase</td><td>2</td></tr></table><p>时间</p><table><tr><td>9:00</td><td>401</td></tr></table>' });
    expect((await readMail(raw, roomyLimits)).fullText).toBe('Item Qty\nVase 2\n\n时间\n\n9:00 401');
  });

  it('reduces an HTML-only mail to safe text: no script, no event handler, no javascript:, data: or cid: URL', async () => {
    const raw = await composeMail({
      from: 'a@example.com',
      subject: 'html',
      html: [
        '<html><head><style>p { color: red }</style><title>Title</title><script>steal()</script></head><body>',
        '<div onmouseover="steal()">Hello <b>team</b>,</div>',
        '<p>the app crashes &amp; restarts &lt;sometimes&gt;.<script type="text/javascript">steal()</script></p>',
        '<img src="javascript:steal()" onerror="steal()" alt="shot"><img src="data:image/png;base64,iVBORw0KGgo="><img src="cid:logo@example.com">',
        '<a href="javascript:steal()">details</a> <a href="https://shop.example.com/orders/7">order 7</a>',
        '<iframe src="https://evil.example.com"></iframe><svg onload="steal()"></svg>',
        '</body></html>',
      ].join(''),
    });
    const mail = await readMail(raw, roomyLimits);
    // The words and the web link are what matter; images are left out (their alt is mostly a file name).
    expect(mail.fullText).toMatch(/^Hello team,\n+the app crashes & restarts <sometimes>\.\n+details order 7 \[https:\/\/shop\.example\.com\/orders\/7\]$/);
    expect(mail.fullText).not.toMatch(/steal|script|javascript:|data:|cid:|onerror|onmouseover|onload|color: red|Title|iframe|evil/);
    expect(mail.newText).toBe(mail.fullText);
  });

  it('gives attachments and inline images as files with their bytes', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const raw = await composeMail({
      from: 'a@example.com',
      subject: 'files',
      text: 'See the screenshot.',
      html: '<p>See <img src="cid:shot@example.com"></p>',
      attachments: [
        { filename: 'invoice 12月.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'shot.png', content: png, contentType: 'image/png', cid: 'shot@example.com' },
        { filename: '../../etc/passwd', content: 'root:x:0:0', contentType: 'text/plain', contentDisposition: 'attachment' },
      ],
    });
    const mail = await readMail(raw, roomyLimits);
    const byName = new Map(mail.files.map((file) => [file.filename, file]));
    expect([...byName.keys()].sort()).toEqual(['invoice 12月.pdf', 'passwd', 'shot.png']);
    expect(byName.get('invoice 12月.pdf')).toMatchObject({ contentType: 'application/pdf', inline: false, contentId: null });
    expect(byName.get('invoice 12月.pdf')!.bytes.equals(pdf)).toBe(true);
    expect(byName.get('shot.png')).toMatchObject({ contentType: 'image/png', inline: true, contentId: 'shot@example.com' });
    expect(byName.get('shot.png')!.bytes.equals(png)).toBe(true);
    expect(mail.fullText).toBe('See the screenshot.');
  });

  async function forwarding(disposition: 'inline' | 'attachment'): Promise<Buffer> {
    const inner = await composeMail({
      from: 'someone@example.org',
      subject: 'the original',
      messageId: '<inner@example.org>',
      text: 'Inner words.',
      attachments: [{ filename: 'quote.pdf', content: Buffer.from('%PDF-1.4 quote'), contentType: 'application/pdf' }],
    });
    return composeMail({
      from: 'a@example.com',
      subject: 'Fwd: the original',
      messageId: '<outer@example.com>',
      text: 'Please look at the mail below.',
      attachments: [{ content: inner, contentType: 'message/rfc822', contentDisposition: disposition }],
    });
  }

  it('reads into an inline forwarded message/rfc822: its text is the message (what the customer shows us, as a forward in the text is), its files as files', async () => {
    const mail = await readMail(await forwarding('inline'), roomyLimits);
    expect(mail.messageId).toBe('outer@example.com');
    expect(mail.newText).toBe(mail.fullText);
    expect(mail.quotedOnly).toBe(false);
    expect(mail.fullText).toMatch(/^Please look at the mail below\.\n\nFrom: someone@example\.org\nSubject: the original\n(.*\n)*\nInner words\.$/);
    expect(mail.files.map((file) => [file.filename, file.contentType, file.bytes.toString()])).toEqual([['quote.pdf', 'application/pdf', '%PDF-1.4 quote']]);
  });

  it('keeps a message/rfc822 attachment whole, as an .eml file', async () => {
    const mail = await readMail(await forwarding('attachment'), roomyLimits);
    expect(mail.fullText).toBe('Please look at the mail below.');
    expect(mail.files).toHaveLength(1);
    expect(mail.files[0]).toMatchObject({ filename: 'message-1.eml', contentType: 'message/rfc822', inline: false });
    expect(mail.files[0].bytes.toString()).toContain('Message-ID: <inner@example.org>');
  });
});

describe('readMail: limits and bad input', () => {
  it('refuses a mail over the size limit before parsing it', async () => {
    const notEvenAMail = Buffer.alloc(2048, 0xff);
    const refused = await refusal(notEvenAMail, { ...roomyLimits, maxBytes: 1024 });
    expect(refused.reason).toBe('too_large');
  });

  it('refuses too many recipients, counting To, Cc and groups', async () => {
    const to = Array.from({ length: 30 }, (_, i) => `u${i}@example.com`).join(', ');
    const cc = `list: ${Array.from({ length: 30 }, (_, i) => `c${i}@example.com`).join(', ')};`;
    const refused = await refusal(rawMail(`From: a@example.com\nTo: ${to}\nCc: ${cc}\nSubject: spam\n\nhi\n`));
    expect(refused.reason).toBe('too_many_recipients');
    expect(refused.message).toContain('60 recipients');
  });

  it('reads the first files of a mail with too many and names the rest, the mail still read', async () => {
    const raw = await composeMail({
      from: 'a@example.com',
      text: 'thirty photos of the dented box',
      attachments: Array.from({ length: 5 }, (_, i) => ({ filename: `photo-${i + 1}.txt`, content: `file ${i}` })),
    });
    const mail = await readMail(raw, { ...roomyLimits, maxFiles: 3 });
    expect(mail.newText).toBe('thirty photos of the dented box');
    expect(mail.files.map((f) => f.filename)).toEqual(['photo-1.txt', 'photo-2.txt', 'photo-3.txt']);
    expect(mail.filesLeftOut).toEqual({ count: 2, names: ['photo-4.txt', 'photo-5.txt'] });
    expect((await readMail(raw, { ...roomyLimits, maxFiles: 5 })).filesLeftOut).toEqual({ count: 0, names: [] });
  });

  it('names at most fifty files left out, counting the rest, and makes up a name by the file\'s place in the mail', async () => {
    const files = Array.from({ length: 60 }, (_, i) => `--b\nContent-Type: application/pdf\nContent-Disposition: attachment\n\nfile ${i}\n`).join('');
    const raw = rawMail(`From: a@example.com\nSubject: files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nmany\n${files}--b--\n`);
    const mail = await readMail(raw, { ...roomyLimits, maxFiles: 2 });
    expect(mail.files.map((f) => f.filename)).toEqual(['attachment-1.pdf', 'attachment-2.pdf']);
    expect(mail.filesLeftOut.count).toBe(58);
    expect(mail.filesLeftOut.names).toHaveLength(50);
    expect(mail.filesLeftOut.names.slice(0, 2)).toEqual(['attachment-3.pdf', 'attachment-4.pdf']);
  });

  it('refuses a mail of more than a thousand parts before parsing it', async () => {
    const parts = Array.from({ length: MAX_MIME_PARTS }, (_, i) => `--b\nContent-Type: text/plain; name="p${i}.txt"\nContent-Disposition: attachment\n\nx\n`).join('');
    const raw = rawMail(`From: a@example.com\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${parts}--b--\n`);
    const refused = await refusal(raw, { ...roomyLimits, maxBytes: 10 * 1024 * 1024 });
    expect(refused.reason).toBe('too_many_parts');
    // One part fewer (the mail's own header block counts as one) is read.
    const fewer = rawMail(`From: a@example.com\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${parts.split('--b\n').slice(0, MAX_MIME_PARTS).join('--b\n')}--b--\n`);
    expect((await readMail(fewer, { ...roomyLimits, maxBytes: 10 * 1024 * 1024 })).filesLeftOut.count).toBe(MAX_MIME_PARTS - 1 - roomyLimits.maxFiles);
  });

  it('refuses parts nested deeper than allowed', async () => {
    let part = 'Content-Type: text/plain\n\ndeep\n';
    for (let level = 0; level < 12; level++) {
      part = `Content-Type: multipart/mixed; boundary="b${level}"\n\n--b${level}\n${part}--b${level}--\n`;
    }
    const raw = rawMail(`From: a@example.com\nSubject: nest\nMIME-Version: 1.0\n${part}`);
    expect((await refusal(raw)).reason).toBe('too_deep');
    expect((await readMail(raw, { ...roomyLimits, maxPartDepth: 12 })).fullText).toBe('deep');
  });

  it('refuses bytes that are not a mail at all', async () => {
    expect((await refusal(Buffer.alloc(0))).reason).toBe('malformed');
    expect((await refusal(Buffer.from('\u0000\u00ff not a header\n\nbody'))).reason).toBe('malformed');
  });
});

describe('readMail: what PostgreSQL cannot store', () => {
  it('cleans the words (a NUL left out, half a surrogate pair as U+FFFD) but refuses an address that holds them: it is never cleaned into another', async () => {
    const words = await readMail(rawMail(`From: ann@example.com\nSubject: =?utf-8?B?${Buffer.from('Order\u0000 late').toString('base64')}?=\nContent-Type: text/plain; charset=utf-8\n\nMy parcel\u0000 never came\n`), roomyLimits);
    expect([words.subject, words.newText]).toEqual(['Order late', 'My parcel never came']);
    for (const header of ['From: customer@vic\u0000tim.com', 'From: ann@example.com\nReply-To: bob@exa\u0001mple.com', 'From: ann@example.com\nMessage-ID: <a\u0000b@example.com>']) {
      const refused = await refusal(rawMail(`${header}\nTo: support@example.com\nSubject: Re: hi\n\nReopen it.\n`));
      expect(refused.reason).toBe('malformed');
    }
  });
});
