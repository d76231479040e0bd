import fc from 'fast-check';
import { fitSms, fitsOneSms, smsSize } from './sms-text.js';

const link = 'https://help.example.com/track/FH-7K3QX';

describe('smsSize', () => {
  it('counts GSM-7 text in septets, extension characters twice', () => {
    expect(smsSize('Hello, Zoé!')).toEqual({ encoding: 'gsm', units: 11 });
    expect(smsSize('Price: 5€ [net]')).toEqual({ encoding: 'gsm', units: 18 });
  });

  it('switches to UCS-2 for anything outside GSM-7, counting UTF-16 units', () => {
    expect(smsSize('李伟 正在处理')).toEqual({ encoding: 'ucs2', units: 7 });
    expect(smsSize('Thanks “Li”')).toEqual({ encoding: 'ucs2', units: 11 });
    expect(smsSize('ok 👍')).toEqual({ encoding: 'ucs2', units: 5 });
  });
});

describe('fitSms', () => {
  it('keeps a short text whole, followed by the link', () => {
    expect(fitSms('Firsthand: Li Wei is now handling your issue FH-7K3QX.', link)).toBe(`Firsthand: Li Wei is now handling your issue FH-7K3QX. ${link}`);
  });

  it('shortens a long GSM text to 160 units and keeps the whole link', () => {
    const sms = fitSms(`Firsthand FH-7K3QX, Li Wei replied: ${'please restart the router and try again '.repeat(10)}`, link);
    expect(sms.endsWith(`... ${link}`)).toBe(true);
    expect(smsSize(sms)).toEqual({ encoding: 'gsm', units: expect.any(Number) });
    expect(smsSize(sms).units).toBeLessThanOrEqual(160);
    expect(smsSize(sms).units).toBeGreaterThan(150);
  });

  it('shortens Chinese text to 70 characters with a Chinese-friendly ellipsis', () => {
    const sms = fitSms(`【Firsthand】李伟 回复：${'请您重启路由器后再试一次，'.repeat(8)}`, link);
    expect(sms.length).toBeLessThanOrEqual(70);
    expect(sms).toMatch(/… https:\/\/help\.example\.com\/track\/FH-7K3QX$/);
    expect(sms.startsWith('【Firsthand】李伟 回复：')).toBe(true);
  });

  it('collapses line breaks and runs of spaces', () => {
    expect(fitSms('line one\n\n  line two', link)).toBe(`line one line two ${link}`);
  });

  it('sends a multi-part SMS rather than drop the link when nothing else fits', () => {
    const longLink = `https://help.example.com/${'x'.repeat(200)}`;
    expect(fitSms('Your issue is resolved.', longLink)).toBe(`Your issue is resolved. ${longLink}`);
    expect(fitsOneSms(fitSms('Your issue is resolved.', longLink))).toBe(false);
  });
});

describe('fitSms against the plain definition', () => {
  /** The rule as first written: try every shorter head, longest first. */
  function reference(text: string, link: string): string {
    const chars = [...text.replace(/\s+/g, ' ').trim()].slice(0, 320);
    const whole = `${chars.join('')} ${link}`;
    if (fitsOneSms(whole)) return whole;
    for (let length = chars.length - 1; length > 0; length--) {
      const head = chars.slice(0, length).join('').replace(/[\s,.;:，。；：、]+$/u, '');
      const ellipsis = smsSize(head + link).encoding === 'gsm' ? '...' : '…';
      const candidate = `${head}${ellipsis} ${link}`;
      if (head && fitsOneSms(candidate)) return candidate;
    }
    return whole;
  }

  it('uses every unit that fits, up to exactly 160 GSM-7 or 70 UCS-2 units', () => {
    expect(smsSize(fitSms('a'.repeat(200), link))).toEqual({ encoding: 'gsm', units: 160 });
    expect(fitSms('李'.repeat(100), link)).toHaveLength(70);
    expect(fitSms('a'.repeat(200), link)).toBe(reference('a'.repeat(200), link));
  });

  it('gives the same message for any text and link', () => {
    const unit = fc.constantFrom(...'aZ09 .,;:!?€[]^éÅ\n\t，。；：、李伟回复👍“”…'.split(''), '👍');
    const links = fc.oneof(fc.constant(link), fc.string({ unit: fc.constantFrom(...'abc/:.-#=€李'.split('')), maxLength: 120, size: 'max' }).map((s) => `https://h.example/${s}`));
    fc.assert(fc.property(fc.string({ unit, maxLength: 400, size: 'max' }), links, (text, l) => fitSms(text, l) === reference(text, l)), { numRuns: 2000 });
  });
});
