import fc from 'fast-check';
import { linkedTextParts, type LinkedTextPart } from './linked-text.js';

const text = (value: string): LinkedTextPart => ({ kind: 'text', text: value });
const link = (value: string, href: string): LinkedTextPart => ({ kind: 'link', text: value, href });
const links = (value: string) => linkedTextParts(value).filter((p) => p.kind === 'link');

describe("a message's text with its links", () => {
  it('links web addresses and email addresses, leaving the sentence around them as written', () => {
    expect(linkedTextParts('My order https://acme.example/order/123. Write to help@acme.example, please')).toEqual([
      text('My order '),
      link('https://acme.example/order/123', 'https://acme.example/order/123'),
      text('. Write to '),
      link('help@acme.example', 'mailto:help@acme.example'),
      text(', please'),
    ]);
  });

  it('opens a www. host with https, and keeps http as written', () => {
    expect(links('see www.acme.example/help?q=1 or http://acme.example:8080/a')).toEqual([
      link('www.acme.example/help?q=1', 'https://www.acme.example/help?q=1'),
      link('http://acme.example:8080/a', 'http://acme.example:8080/a'),
    ]);
  });

  it.each([
    ['https://acme.example/order/123.', 'https://acme.example/order/123'],
    ['https://acme.example/a,', 'https://acme.example/a'],
    ['https://acme.example/a!', 'https://acme.example/a'],
    ['https://acme.example/a?', 'https://acme.example/a'],
    ['https://acme.example/a;', 'https://acme.example/a'],
    ['https://acme.example/a:', 'https://acme.example/a'],
    ["'https://acme.example/a'", 'https://acme.example/a'],
    ['(see https://acme.example/a).', 'https://acme.example/a'],
    ['[https://acme.example/a]', 'https://acme.example/a'],
    ['<https://acme.example/a>', 'https://acme.example/a'],
    ['"https://acme.example/a"', 'https://acme.example/a'],
    ['“https://acme.example/a”', 'https://acme.example/a'],
    ['https://acme.example/a…', 'https://acme.example/a'],
    ['https://acme.example/a。', 'https://acme.example/a'],
    ['https://acme.example/a，谢谢', 'https://acme.example/a'],
    ['（https://acme.example/a）', 'https://acme.example/a'],
    ['请看https://acme.example/a谢谢', 'https://acme.example/a'],
    ['https://acme.example/a👍', 'https://acme.example/a'],
    ['https://acme.example/a.)!', 'https://acme.example/a'],
  ])('leaves the punctuation after an address out of the link: %s', (written, address) => {
    expect(links(written).map((p) => p.text)).toEqual([address]);
  });

  it('keeps a bracket the address itself opened, and a path that goes on after a dot', () => {
    expect(links('(https://en.wikipedia.org/wiki/Foo_(bar))').map((p) => p.text)).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(links('https://acme.example/a.b/c.html?x=1&y=2#top.').map((p) => p.text)).toEqual(['https://acme.example/a.b/c.html?x=1&y=2#top']);
  });

  it('finds emails among Chinese text and full-width punctuation, and leaves a trailing dot out', () => {
    expect(linkedTextParts('邮箱：help@acme.example。谢谢')).toEqual([text('邮箱：'), link('help@acme.example', 'mailto:help@acme.example'), text('。谢谢')]);
    expect(links('(li.wei+orders@mail.acme.example).').map((p) => p.href)).toEqual(['mailto:li.wei+orders@mail.acme.example']);
    expect(links('me@www.acme.example')).toEqual([link('me@www.acme.example', 'mailto:me@www.acme.example')]);
  });

  it('links nothing that is not an address', () => {
    for (const written of ['user@localhost', 'a@b', '@acme.example', 'www.example', 'https://', 'http://.', 'see 1.5 or v2.0.1', 'foo.bar', 'https://[::1', 'ftp://acme.example/file']) {
      expect({ written, links: links(written) }).toEqual({ written, links: [] });
    }
  });

  it('never links another scheme, nor an address made to look like another host', () => {
    for (const written of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'javascript:www.evil.example',
      'javascript://www.evil.example/%0aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'mailto:someone',
      'https://bank.example@evil.example/login',
      'https://bank.example:secret@evil.example/',
      'xhttps://acme.example',
    ]) {
      expect({ written, links: links(written) }).toEqual({ written, links: [] });
    }
    expect(links('javascript:alert("https://acme.example")').map((p) => p.href)).toEqual(['https://acme.example/']);
  });

  it('keeps every character, line break and space of the text in order', () => {
    const written = 'Hi,\n\n  my order: https://acme.example/o/1\n\tmail help@acme.example  \r\nthanks ';
    expect(linkedTextParts(written).map((p) => p.text).join('')).toBe(written);
    expect(linkedTextParts('')).toEqual([]);
    expect(linkedTextParts('no links here\n')).toEqual([text('no links here\n')]);
  });

  it('links only http, https and mailto, and loses no character, whatever the text', () => {
    const unit = fc.constantFrom(...'ahw.:/@()[]?!,;\'*-_#=%&+ \n。，）（李“”…'.split(''), 'https://', 'http://', 'www.', 'javascript:', 'data:', 'acme.example', '👍');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (written) => {
        const parts = linkedTextParts(written);
        expect(parts.map((p) => p.text).join('')).toBe(written);
        for (const part of parts) {
          if (part.kind !== 'link') continue;
          expect(part.href).toMatch(/^(?:https?:\/\/|mailto:)/);
          expect(part.text).not.toMatch(/[.,;:!?'*\s]$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['letters', 'a'.repeat(20_000)],
    ['schemes', 'https://'.repeat(2_500)],
    ['at signs', '@'.repeat(20_000)],
    ['almost emails', 'a@'.repeat(10_000)],
    ['dots', `https://${'.'.repeat(20_000)}a`],
    ['broken hosts', 'http://['.repeat(2_500)],
    ['www', 'www.'.repeat(5_000)],
    ['closing brackets', `https://acme.example/${')'.repeat(20_000)}`],
    ['opening brackets', `(https://acme.example/${'('.repeat(20_000)}`],
    ['a long local part', `${'a.'.repeat(10_000)}@acme.example`],
    ['a long domain', `a@${'b.'.repeat(10_000)}`],
    ['disguised hosts', '(https://a@'.repeat(1_800)],
    ['one long address', `https://acme.example/${'x'.repeat(20_000)}.`],
  ])('reads a 20,000-character message without spaces in bounded time (%s)', (_, written) => {
    const started = performance.now();
    const parts = linkedTextParts(written);
    // Linear work takes a few milliseconds; a backtracking pattern would take seconds or minutes.
    expect(performance.now() - started).toBeLessThan(250);
    expect(parts.map((p) => p.text).join('')).toBe(written);
  });
});
