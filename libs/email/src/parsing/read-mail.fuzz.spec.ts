import fc from 'fast-check';
import { newTextOf } from './new-text.js';
import { readMail } from './read-mail.js';
import { MailRefused, type ReadMail } from './read-mail.types.js';
import { composeMail, encodedWord, inCharset, rawMail, roomyLimits } from './testing/fixture-mails.js';

/** Whatever the bytes, readMail answers a ReadMail or a MailRefused, in bounded time. */
async function outcomeOf(raw: Buffer): Promise<ReadMail | MailRefused> {
  const started = performance.now();
  const outcome = await readMail(raw, roomyLimits).catch((error: unknown) => {
    if (error instanceof MailRefused) return error;
    throw error;
  });
  expect(performance.now() - started).toBeLessThan(5_000);
  if (!(outcome instanceof MailRefused)) {
    expect(typeof outcome.fullText).toBe('string');
    expect(outcome.dedupKey).toMatch(/^(mid:.+|sha256:[0-9a-f]{64})$/);
  }
  return outcome;
}

async function realMails(): Promise<Buffer[]> {
  return [
    rawMail(`From: ${encodedWord('张三', 'GB2312')} <zhang@example.cn>\nSubject: ${encodedWord('打印机', 'GB2312')}\nContent-Type: text/plain; charset=GB2312\nContent-Transfer-Encoding: 8bit\n\n`, inCharset('打印机坏了。\n', 'gb2312')),
    await composeMail({
      from: 'a@example.com',
      to: 'support@firsthand.local',
      subject: 'files',
      text: 'See the screenshot.\n\nOn Tue, Dec 1, 2026 Support <s@f.l> wrote:\n> old',
      html: '<p onclick="x()">See <img src="cid:shot@example.com"><script>x()</script></p>',
      attachments: [
        { filename: 'shot.png', content: Buffer.alloc(300, 7), contentType: 'image/png', cid: 'shot@example.com' },
        { filename: '发票.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' },
        { content: rawMail('From: x@y.z\nSubject: inner\n\ninner\n'), contentType: 'message/rfc822' },
      ],
    }),
    rawMail(`From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered\nContent-Type: multipart/report; report-type=delivery-status; boundary="B1"\n\n--B1\nContent-Type: text/plain\n\nfailed\n--B1\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n\n--B1\nContent-Type: message/rfc822\n\nMessage-ID: <fh.1@firsthand.local>\n\nHello\n--B1--\n`),
  ];
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('boundary' as const), to: fc.string({ maxLength: 80 }) }),
  fc.record({ kind: fc.constant('charset' as const), to: fc.string({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('header' as const), line: fc.string({ maxLength: 200 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(raw: Buffer, change: Mutation): Buffer {
  const text = raw.toString('latin1');
  switch (change.kind) {
    case 'truncate':
      return raw.subarray(0, change.at % (raw.length + 1));
    case 'splice': {
      const at = change.at % (raw.length + 1);
      return Buffer.concat([raw.subarray(0, at), Buffer.from(change.bytes), raw.subarray(at)]);
    }
    case 'boundary':
      return Buffer.from(text.replace(/boundary="?([^";\r\n]+)"?/i, `boundary="${change.to}"`), 'latin1');
    case 'charset':
      return Buffer.from(text.replace(/charset=[^;\s]+/gi, `charset=${change.to}`).replace(/=\?[^?]+\?/g, `=?${change.to}?`), 'latin1');
    case 'header':
      return Buffer.from(`${change.line}\r\n${text}`, 'latin1');
  }
}

describe('text known to make regular expressions backtrack', () => {
  const crafted = {
    'Danish "skrev" lines': 'abc. skrev x:y\n'.repeat(1500),
    'Dutch "schreef" lines': 'Op x schreef y:z\n'.repeat(1500),
    'one long date line': `01.01.2026${' 11:11" <a> '.repeat(2000)}`,
    'unclosed link annotations': '[a:'.repeat(300_000),
    'almost Chinese quote headers': `${'张'.repeat(150)}于${'李'.repeat(150)}写\n`.repeat(3000),
  };

  // A bound for catastrophic backtracking (which takes minutes), not a speed figure: a loaded CI
  // machine took 1.08 s for one of these.
  it.each(Object.entries(crafted))('reads %s within five seconds', async (_, body) => {
    const raw = rawMail(`From: a@example.com\nSubject: slow?\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`);
    const started = performance.now();
    const mail = await readMail(raw, roomyLimits);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(mail.fullText.length).toBeGreaterThan(0);
  });

  it('keeps a long line of new text whole', () => {
    const paragraph = `${'The printer prints every page twice and then stops. '.repeat(20)}Thanks`;
    expect(newTextOf(`${paragraph}\n\nSent from my iPhone`)).toBe(paragraph);
  });
});

describe('readMail never crashes (fast-check)', () => {
  it('answers random bytes with a ReadMail or a MailRefused, also behind a valid header', async () => {
    const header = Buffer.from('From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000, size: 'max' }), fc.boolean(), async (bytes, behindHeader) => {
        await outcomeOf(behindHeader ? Buffer.concat([header, bytes]) : Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('answers truncated, spliced, re-bounded, re-charsetted real mails with a ReadMail or a MailRefused', async () => {
    const mails = await realMails();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mails), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mail, changes) => {
        await outcomeOf(changes.reduce(mutate, mail));
      }),
      { numRuns: 300 },
    );
  });

  it('reads every well-formed mail in UTF-8 or GB18030, whatever its words', async () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcXYZ019中文打印机账户登录問題éß€😀,.!?'.split(/(?:)/u)), minLength: 1, maxLength: 12 });
    const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('UTF-8', 'GB18030'), line, fc.array(line, { minLength: 1, maxLength: 6 }), async (charset, subject, lines) => {
        const body = lines.join('\n');
        const raw = rawMail(
          `From: someone@example.com\nSubject: ${encodedWord(subject, charset)}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: base64\n\n${inCharset(body, charset).toString('base64')}\n`,
        );
        const mail = await readMail(raw, roomyLimits);
        expect(mail.subject).toBe(subject);
        expect(mail.fullText).toBe(body);
        expect(mail.newText.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('separates new text from history in bounded time, however the quote markers pile up', () => {
    const token = fc.constantFrom('On ', ' wrote:', '在', '写道：', '于', '\n', '> ', 'From: ', 'Sent: ', 'Op ', 'schreef', ' ', '-----', '<a@b>', 'a', '2026', '--', '\n\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6000, size: 'max' }), (tokens) => {
        const started = performance.now();
        expect(typeof newTextOf(tokens.join(''))).toBe('string');
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: 60 },
    );
  });
});
