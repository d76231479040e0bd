/** A piece of a message's text: words as written, or a web address or email address to open. */
export type LinkedTextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/*
 * Links end at white space, at characters that never sit in a pasted address (<, >, ", `, \) and at
 * Chinese, Japanese and Korean text, full-width punctuation and emoji: Chinese writers put an address
 * straight against the next word ("请看https://acme.example/order/123。谢谢").
 */
const RUN = /[^\s<>"`\\\u2000-\u206f\u2e80-\u9fff\ua960-\ua97f\uac00-\udfff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+/g;
const LINK_START = /https?:\/\/|www\./gi;
/** Before an address's start: not a word, an email's local part or a path; nor, before `www.`, another scheme (`javascript:www.…`). */
const NOT_BEFORE_LINK = /[\p{L}\p{N}@._+\-/]/u;
const NOT_BEFORE_WWW = /[\p{L}\p{N}@._+\-/:]/u;
const HOST = /[A-Za-z0-9.-]/;
const DIGIT = /[0-9]/;
const AFTER_HOST = /[/?#.,;:!'*)\]}]/;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*']);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const EMAIL_LOCAL = /[A-Za-z0-9._+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;
const LONGEST_LOCAL = 64;
const LONGEST_DOMAIN = 253;

/**
 * Splits a message's plain text into its words and the links in it: `http(s)://` addresses, `www.`
 * hosts (opened with https) and email addresses (mailto:). Punctuation closing a sentence, and a
 * bracket the address did not open, stay text. No other scheme is ever linked, and the work is
 * linear in the text's length (no backtracking pattern), however long a line without spaces.
 */
export function linkedTextParts(text: string): LinkedTextPart[] {
  const parts: LinkedTextPart[] = [];
  let written = 0;
  const link = (start: number, end: number, href: string) => {
    if (start > written) parts.push({ kind: 'text', text: text.slice(written, start) });
    parts.push({ kind: 'link', text: text.slice(start, end), href });
    written = end;
  };
  for (const run of text.matchAll(RUN)) {
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    let searched = runStart;
    LINK_START.lastIndex = 0;
    for (let found = LINK_START.exec(run[0]); found; found = LINK_START.exec(run[0])) {
      const start = runStart + found.index;
      if (start < searched || !linkMayStartAfter(start > runStart ? text[start - 1] : undefined, bare(found[0]))) continue;
      const address = webAddress(text, start, runEnd, bare(found[0]));
      if (!address) continue;
      emails(text, searched, start, link);
      if (address.href) link(start, address.end, address.href);
      searched = address.end;
      LINK_START.lastIndex = address.end - runStart;
    }
    emails(text, searched, runEnd, link);
  }
  if (written < text.length) parts.push({ kind: 'text', text: text.slice(written) });
  return parts;
}

const bare = (start: string) => start.toLowerCase() === 'www.';
const linkMayStartAfter = (before: string | undefined, bareHost: boolean) => before === undefined || !(bareHost ? NOT_BEFORE_WWW : NOT_BEFORE_LINK).test(before);

/**
 * The address starting at `start`, up to `runEnd` less the punctuation after it; null when it names
 * no host. Its host is checked first, so a run of failed candidates costs only their hosts' length.
 * An address with a user name before its host ("https://bank.example@evil.example") disguises where
 * it goes: it stays text to the run's end (`href: null`), not read as an email either.
 */
function webAddress(text: string, start: number, runEnd: number, bare: boolean): { end: number; href: string | null } | null {
  const hostStart = bare ? start : text.indexOf('//', start) + 2;
  let hostEnd = hostStart;
  while (hostEnd < runEnd && HOST.test(text[hostEnd]!)) hostEnd++;
  if (text[hostEnd] === ':') {
    let port = hostEnd + 1;
    while (port < runEnd && DIGIT.test(text[port]!)) port++;
    if (port > hostEnd + 1) hostEnd = port;
  }
  let named = hostEnd;
  while (named > hostStart && (text[named - 1] === '.' || text[named - 1] === ':')) named--;
  const host = text.slice(hostStart, named);
  if (text[hostEnd] === '@' && hostEnd < runEnd) return { end: runEnd, href: null };
  if (hostEnd < runEnd && !AFTER_HOST.test(text[hostEnd]!)) return null;
  if (!/[A-Za-z0-9]/.test(host) || (bare && !/^www\.[A-Za-z0-9-]+\.[A-Za-z0-9]/i.test(host))) return null;
  try {
    new URL(`https://${host}`);
  } catch {
    return null;
  }

  let end = runEnd;
  const open: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  const closed: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c in open) open[c]!++;
    else if (c in closed) closed[c]!++;
  }
  for (;;) {
    const last = text[end - 1]!;
    if (TRAILING.has(last)) end--;
    else if (last in CLOSING && closed[last]! > open[CLOSING[last]!]!) {
      closed[last]!--;
      end--;
    } else break;
  }
  const written = text.slice(start, end);
  try {
    // The parser decides where the link goes, so only what it reads as http(s) is linked.
    const url = new URL(bare ? `https://${written}` : written);
    if (url.username || url.password) return { end: runEnd, href: null };
    return url.protocol === 'https:' || url.protocol === 'http:' ? { end, href: url.href } : null;
  } catch {
    return null;
  }
}

/** Emails in text[from, to): each '@' with a local part before it and a dotted domain after it. */
function emails(text: string, from: number, to: number, link: (start: number, end: number, href: string) => void) {
  let floor = from;
  for (let at = text.indexOf('@', from); at !== -1 && at < to; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && at - start <= LONGEST_LOCAL && EMAIL_LOCAL.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < to && end - at <= LONGEST_DOMAIN && EMAIL_DOMAIN.test(text[end]!)) end++;
    if (at - start > LONGEST_LOCAL || end - at > LONGEST_DOMAIN) continue;
    while (start < at && text[start] === '.') start++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (!local || local.endsWith('.') || !/^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}$/.test(domain)) continue;
    link(start, end, `mailto:${local}@${domain}`);
    floor = end;
  }
}
