import { cleanFilename, sniffFile } from './file-sniffing.js';
import { SAMPLE_FILES } from './testing/sample-files.js';

describe('sniffFile: the type comes from the bytes', () => {
  it.each([
    ['screen.png', SAMPLE_FILES.png, 'image/png'],
    ['photo.JPEG', SAMPLE_FILES.jpeg, 'image/jpeg'],
    ['photo.jpg', SAMPLE_FILES.jpeg, 'image/jpeg'],
    ['anim.gif', SAMPLE_FILES.gif, 'image/gif'],
    ['invoice.pdf', SAMPLE_FILES.pdf, 'application/pdf'],
    ['logs.zip', SAMPLE_FILES.zip, 'application/zip'],
    ['no-extension', SAMPLE_FILES.png, 'image/png'],
    ['notes.txt', SAMPLE_FILES.text, 'text/plain; charset=utf-8'],
    ['server.log', SAMPLE_FILES.text, 'text/plain; charset=utf-8'],
    ['orders.csv', SAMPLE_FILES.csv, 'text/csv; charset=utf-8'],
  ])('takes %s as %s', async (name, bytes, contentType) => {
    expect(await sniffFile(name, bytes)).toMatchObject({ accepted: true, contentType });
  });

  it('refuses a name whose extension lies about the content', async () => {
    expect(await sniffFile('invoice.pdf', SAMPLE_FILES.png)).toEqual({
      accepted: false, refusal: 'name-mismatch', reason: 'the name says .pdf but the content is png (image/png)', extension: 'pdf', detectedType: 'png', detectedMime: 'image/png',
    });
    expect(await sniffFile('photo.png', SAMPLE_FILES.jpeg)).toMatchObject({ accepted: false });
  });

  it('refuses executables whatever they are called', async () => {
    for (const [name, bytes] of [['setup.png', SAMPLE_FILES.exe], ['report.pdf', SAMPLE_FILES.elf], ['tool', SAMPLE_FILES.elf]] as const) {
      expect(await sniffFile(name, bytes)).toMatchObject({ accepted: false, refusal: 'executable-content', reason: expect.stringContaining('executable') });
    }
  });

  it('refuses executable and script names on sight, even with harmless bytes', async () => {
    for (const name of ['setup.exe', 'run.bat', 'x.js', 'install.sh', 'macro.vbs', 'app.jar']) {
      expect(await sniffFile(name, SAMPLE_FILES.text)).toMatchObject({ accepted: false, refusal: 'executable-name', extension: name.split('.').pop(), reason: expect.stringContaining('executables and scripts') });
    }
  });

  it('refuses SVG and HTML, which carry script, by name or by content', async () => {
    expect(await sniffFile('logo.svg', SAMPLE_FILES.svg)).toMatchObject({ accepted: false, refusal: 'markup-name', extension: 'svg', reason: expect.stringContaining('SVG, HTML') });
    expect(await sniffFile('page.html', SAMPLE_FILES.html)).toMatchObject({ accepted: false });
    expect(await sniffFile('page.txt', SAMPLE_FILES.html)).toMatchObject({ accepted: false, refusal: 'markup-content', extension: 'txt', reason: expect.stringContaining('HTML') });
    expect(await sniffFile('logo.txt', SAMPLE_FILES.svg)).toMatchObject({ accepted: false });
  });

  it('takes a mail (.eml, a forward as an attachment) by its header, in any charset, and nothing else under that name', async () => {
    const gbk = Buffer.concat([Buffer.from('From: vendor@supplier.example\r\nSubject: =?GB2312?B?tqm1pQ==?=\r\nContent-Type: text/plain; charset=GB2312\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), Buffer.from([0xb6, 0xa9, 0xb5, 0xa5])]);
    expect(await sniffFile('forwarded.eml', gbk)).toEqual({ accepted: true, contentType: 'message/rfc822', extension: 'eml' });
    expect(await sniffFile('page.eml', Buffer.from('<html><script>alert(1)</script></html>'))).toMatchObject({ accepted: false, refusal: 'unrecognised' });
    expect(await sniffFile('x.eml', Buffer.from('From: a@b.example\r\n\0'))).toMatchObject({ accepted: false, refusal: 'unrecognised' });
    expect(await sniffFile('x.eml', SAMPLE_FILES.png)).toMatchObject({ accepted: false, refusal: 'name-mismatch' });
  });

  it('takes text only when it is UTF-8 without NUL bytes', async () => {
    expect(await sniffFile('notes.txt', Buffer.from([0x68, 0x69, 0x00, 0x21]))).toMatchObject({ accepted: false, refusal: 'binary-text', reason: expect.stringContaining('binary') });
    expect(await sniffFile('notes.txt', Buffer.from([0xc3, 0x28, 0x41]))).toMatchObject({ accepted: false, refusal: 'not-utf8', reason: expect.stringContaining('UTF-8') });
  });

  it('refuses unknown content, text under another name, and empty files', async () => {
    expect(await sniffFile('data.bin2', SAMPLE_FILES.text)).toMatchObject({ accepted: false, refusal: 'unrecognised', extension: 'bin2' });
    expect(await sniffFile('readme', SAMPLE_FILES.text)).toEqual({ accepted: false, refusal: 'unrecognised', reason: 'the content is not a recognised type' });
    expect(await sniffFile('orders.sqlite', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]))).toMatchObject({ accepted: false, refusal: 'type-not-accepted', detectedMime: 'application/x-sqlite3' });
    expect(await sniffFile('empty.txt', Buffer.alloc(0))).toEqual({ accepted: false, refusal: 'empty', reason: 'the file is empty' });
  });
});

describe('cleanFilename', () => {
  it('keeps the base name only, without control characters or quotes', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    // A right-to-left override made "evil\u202Egnp.exe" read as "evilexe.png".
    expect(cleanFilename('evil\u202Egnp.exe')).toBe('evilgnp.exe');
    expect(cleanFilename('\u2067report\u2069.pdf')).toBe('report.pdf');
    expect(cleanFilename('C:\\Users\\me\\截图 1.png')).toBe('截图 1.png');
    expect(cleanFilename('a"b\r\n.png')).toBe('ab.png');
    expect(cleanFilename('...')).toBe('attachment');
  });

  it('shortens long names to 200 characters and keeps the extension', () => {
    const cleaned = cleanFilename(`${'x'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });
});
