// GSM 03.38: the basic set costs one unit, the extension set two; anything else forces UCS-2.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/** What fits in one SMS: 160 GSM-7 units, or 70 UTF-16 units once any character needs UCS-2. */
export const SMS_SINGLE_PART = { gsm: 160, ucs2: 70 } as const;

export function smsSize(text: string): { encoding: 'gsm' | 'ucs2'; units: number } {
  let units = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) units += 1;
    else if (GSM_EXTENSION.includes(char)) units += 2;
    else return { encoding: 'ucs2', units: text.length };
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
  for (let length = chars.length - 1; length > 0; length--) {
    const head = chars.slice(0, length).join('').replace(/[\s,.;:，。；：、]+$/u, '');
    const ellipsis = smsSize(head + link).encoding === 'gsm' ? '...' : '…';
    const candidate = `${head}${ellipsis} ${link}`;
    if (head && fitsOneSms(candidate)) return candidate;
  }
  return whole;
}
