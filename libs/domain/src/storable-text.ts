// In unicode mode a lone UTF-16 surrogate is a code point of category Cs; well-formed pairs are not.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** What in a text PostgreSQL could not store, if anything: a NUL (`text` holds none), or half a surrogate pair (no UTF-8 form). */
export function unstorablePart(text: string): 'nul' | 'lone-surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'lone-surrogate' : null;
}

/**
 * Text PostgreSQL can store, from text nobody checked (a mail's subject, a file's name): `text`
 * holds no NUL, and a lone UTF-16 surrogate has no UTF-8 form (JSON refuses it too). NULs are left
 * out and a lone surrogate becomes U+FFFD, as a mail reader shows what it cannot decode.
 */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATES, '\uFFFD');
}

/** At most `max` UTF-16 units, never cutting a surrogate pair (an emoji) in half. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A line for other people's views and email headers (a mail's subject, a sender's name), made from
 * text we did not choose: control characters and line breaks become spaces, and Unicode's direction
 * overrides and isolates go (they make "invoice‮fdp.exe" read as something it is not). The forms
 * refuse such text; a mail cannot be sent back, so it is cleaned.
 */
export function singleLineText(text: string): string {
  return withoutDirectionMarks(text).replace(LINE_BREAKERS, ' ').replace(/\s+/g, ' ').trim();
}

/** Text without Unicode's direction overrides and isolates: a file named "evil\u202Egnp.exe" reads as "evilexe.png". */
export function withoutDirectionMarks(text: string): string {
  return text.replace(DIRECTION_MARKS, '');
}

const DIRECTION_MARKS_CLASS = '\u202a-\u202e\u2066-\u2069';
const LINE_BREAKERS_CLASS = '\u0000-\u001f\u007f-\u009f\u2028\u2029';
const DIRECTION_MARKS = new RegExp(`[${DIRECTION_MARKS_CLASS}]`, 'g');
const LINE_BREAKERS = new RegExp(`[${LINE_BREAKERS_CLASS}]`, 'g');

/** A line as the forms take it (subjects, names): what `singleLineText` removes is refused there. */
export const SINGLE_LINE_TEXT = new RegExp(`^[^${LINE_BREAKERS_CLASS}${DIRECTION_MARKS_CLASS}]*$`);
