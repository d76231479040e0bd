// GSM 03.38: the basic set costs one unit, the extension set two; anything else forces UCS-2.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');
/** Dropped from the end of a shortened text before the ellipsis. */
const TRAILING_PUNCTUATION = /[\s,.;:，。；：、]/u;

/** What fits in one SMS: 160 GSM-7 units, or 70 UTF-16 units once any character needs UCS-2. */
export const SMS_SINGLE_PART = { gsm: 160, ucs2: 70 } as const;

/** GSM-7 units of one character, or 0 when it needs UCS-2. */
function gsmCost(char: string): 0 | 1 | 2 {
  return GSM_BASIC.has(char) ? 1 : GSM_EXTENSION.has(char) ? 2 : 0;
}

export function smsSize(text: string): { encoding: 'gsm' | 'ucs2'; units: number } {
  let units = 0;
  for (const char of text) {
    const cost = gsmCost(char);
    if (cost === 0) return { encoding: 'ucs2', units: text.length };
    units += cost;
  }
  return { encoding: 'gsm', units };
}

export function fitsOneSms(text: string): boolean {
  const { encoding, units } = smsSize(text);
  return units <= SMS_SINGLE_PART[encoding];
}

/**
 * `text` and the link in one SMS when possible: the text is shortened (with an ellipsis), the
 * link never is. When even a short text cannot fit, both go whole as a multi-part SMS.
 */
export function fitSms(text: string, link: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()].slice(0, 320);
  const whole = `${chars.join('')} ${link}`;
  if (fitsOneSms(whole)) return whole;
  // The longest head that fits, in one pass (this runs for every customer notification): per
  // prefix its GSM-7 units, UTF-16 length, whether it needs UCS-2, and where it ends once
  // trailing punctuation is dropped.
  const linkSize = smsSize(link);
  const units = [0];
  const utf16 = [0];
  const ucs2 = [false];
  const end = [0];
  chars.forEach((char, i) => {
    const cost = gsmCost(char);
    units.push(units[i] + cost);
    utf16.push(utf16[i] + char.length);
    ucs2.push(ucs2[i] || cost === 0);
    end.push(TRAILING_PUNCTUATION.test(char) ? end[i] : i + 1);
  });
  for (let length = chars.length - 1; length > 0; length--) {
    const head = end[length];
    if (head === 0) continue;
    const gsm = !ucs2[head] && linkSize.encoding === 'gsm';
    const fits = gsm ? units[head] + '... '.length + linkSize.units <= SMS_SINGLE_PART.gsm : utf16[head] + '… '.length + link.length <= SMS_SINGLE_PART.ucs2;
    if (fits) return `${chars.slice(0, head).join('')}${gsm ? '...' : '…'} ${link}`;
  }
  return whole;
}
