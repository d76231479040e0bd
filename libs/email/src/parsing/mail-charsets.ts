import iconv from 'iconv-lite';

/**
 * Whether a declared charset can be decoded, the way mailparser (libmime) will decode it. libmime
 * falls back to UTF-8 for a name it does not know, which turns GBK or Big5 text into replacement
 * characters: we would rather refuse such a mail than open a ticket with garbled text.
 */
const UTF8_COMPATIBLE = /^(?:(?:us-?)?ascii|utf-?8|7bit|8bit)$/;
const JAPANESE = /^jis|^iso-?2022-?jp|^eucjp/;
// Decoded as UTF-8 by libmime on purpose (UTF-7 smuggles markup), so their text would be wrong.
const NEVER_DECODED = /^(?:utf-?7|unicode-1-1-utf-7|utf7imap|base64|hex)$/;

export function canDecodeCharset(declared: string): boolean {
  const name = declared.trim().toLowerCase();
  if (UTF8_COMPATIBLE.test(name) || JAPANESE.test(name)) return true;
  if (NEVER_DECODED.test(name)) return false;
  return iconv.encodingExists(name) || iconv.encodingExists(libmimeAlias(name));
}

/** libmime's own spelling fixes (win-1252, latin1, iso8859-1, utf_8) before it asks iconv-lite. */
function libmimeAlias(name: string): string {
  return name
    .replace(/^utf[-_]?(\d+)/, 'utf-$1')
    .replace(/^win(?:dows)?[-_]?(\d+)/, 'windows-$1')
    .replace(/^(?:latin|iso[-_]?8859)?[-_]?(\d+)/, 'iso-8859-$1')
    .replace(/^l[-_]?(\d+)/, 'iso-8859-$1');
}
