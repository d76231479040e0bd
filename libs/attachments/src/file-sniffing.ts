import { fileTypeFromBuffer } from 'file-type';
import { cutText, storableText, withoutDirectionMarks, type AttachmentTypeRefusal } from '@firsthand/domain';

/** A refused file: `refusal` and the names it rests on for a page to say in its reader's language, `reason` in English for logs and mail notes. */
export interface RefusedFile {
  accepted: false;
  refusal: AttachmentTypeRefusal;
  reason: string;
  /** The extension of the file's name, when the refusal rests on it. */
  extension?: string;
  /** What the bytes are, when they were recognised: `png`, `image/png`. */
  detectedType?: string;
  detectedMime?: string;
}

export type SniffedFile = { accepted: true; contentType: string; extension: string } | RefusedFile;

const refuse = (refusal: AttachmentTypeRefusal, reason: string, details: Pick<RefusedFile, 'extension' | 'detectedType' | 'detectedMime'> = {}): RefusedFile => ({ accepted: false, refusal, reason, ...details });

/** Detected type → the file name extensions that honestly name it. Only these types are taken. */
const ACCEPTED: Record<string, readonly string[]> = {
  png: ['png'], jpg: ['jpg', 'jpeg', 'jpe', 'jfif'], gif: ['gif'], webp: ['webp'], bmp: ['bmp'], tif: ['tif', 'tiff'],
  heic: ['heic', 'heif'], avif: ['avif'],
  pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], pptx: ['pptx'], odt: ['odt'], ods: ['ods'], odp: ['odp'], rtf: ['rtf'],
  cfb: ['doc', 'xls', 'ppt', 'msg'],
  // Archives are stored as they came and never expanded, so a zip bomb is inert here.
  zip: ['zip'], gz: ['gz', 'tgz'], '7z': ['7z'], rar: ['rar'], tar: ['tar'], bz2: ['bz2', 'tbz2'], xz: ['xz', 'txz'],
  mp3: ['mp3'], m4a: ['m4a'], wav: ['wav'], ogg: ['ogg', 'oga'], mp4: ['mp4', 'm4v'], mov: ['mov', 'qt'], webm: ['webm'],
};

/** Types that run when opened, whatever they are called. */
const EXECUTABLE_TYPES = new Set(['exe', 'elf', 'macho', 'msi', 'class', 'dex', 'swf', 'wasm', 'apk', 'jar', 'deb', 'rpm', 'lnk', 'dmg', 'cab', 'mach-o']);

/** Names refused on sight: executables and scripts, and SVG/HTML, which carry script into a browser. */
const REFUSED_NAMES: Record<string, { refusal: AttachmentTypeRefusal; reason: string }> = Object.fromEntries([
  ...['exe', 'dll', 'com', 'bat', 'cmd', 'msi', 'scr', 'cpl', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'mjs', 'cjs', 'jse', 'wsf', 'wsh', 'hta', 'sh',
    'bash', 'zsh', 'csh', 'py', 'pl', 'rb', 'php', 'jar', 'apk', 'app', 'dmg', 'lnk', 'reg', 'elf', 'bin', 'run'].map((e) => [e, { refusal: 'executable-name', reason: 'executables and scripts are not accepted' }]),
  ...['svg', 'svgz', 'html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'xml', 'xsl', 'xslt'].map((e) => [e, { refusal: 'markup-name', reason: 'SVG, HTML and XML can carry script and are not accepted' }]),
]);

/** Plain text has no magic number: these names are taken when the bytes are UTF-8 text. */
const TEXT_TYPES: Record<string, string> = { txt: 'text/plain; charset=utf-8', log: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const MARKUP = /^\s*<(!doctype\s+html|html|svg|script|\?xml|body|iframe)\b/i;

/** A mail (.eml, a forward as an attachment) has no magic number either: it starts with a header field, and its 8-bit parts may be in any charset. */
const MAIL_HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/**
 * What a file really is, from its bytes (never from its name or a declared type), and whether it is
 * taken: a name whose extension says something else is refused, as are executables, scripts and
 * script carriers.
 */
export async function sniffFile(filename: string, bytes: Uint8Array): Promise<SniffedFile> {
  if (bytes.length === 0) return refuse('empty', 'the file is empty');
  const extension = extensionOf(filename);
  const refusedName = extension ? REFUSED_NAMES[extension] : undefined;
  if (extension && refusedName) return refuse(refusedName.refusal, `.${extension}: ${refusedName.reason}`, { extension });
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return sniffText(extension, bytes);
  const found = { detectedType: detected.ext, detectedMime: detected.mime };
  if (EXECUTABLE_TYPES.has(detected.ext)) return refuse('executable-content', `the content is an executable (${detected.ext}); executables are not accepted`, found);
  const names = ACCEPTED[detected.ext];
  if (!names) return refuse('type-not-accepted', `files of type ${detected.mime} are not accepted`, found);
  if (extension && !names.includes(extension)) {
    return refuse('name-mismatch', `the name says .${extension} but the content is ${detected.ext} (${detected.mime})`, { extension, ...found });
  }
  return { accepted: true, contentType: detected.mime, extension: detected.ext };
}

function sniffText(extension: string | null, bytes: Uint8Array): SniffedFile {
  if (extension === 'eml') {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1000));
    if (bytes.includes(0) || !MAIL_HEADER_FIELD.test(head)) return refuse('unrecognised', 'the content of this .eml file is not a mail', { extension });
    return { accepted: true, contentType: 'message/rfc822', extension };
  }
  const contentType = extension ? TEXT_TYPES[extension] : undefined;
  if (!extension || !contentType) {
    return extension ? refuse('unrecognised', `the content of this .${extension} file is not a recognised type`, { extension }) : refuse('unrecognised', 'the content is not a recognised type');
  }
  if (bytes.includes(0)) return refuse('binary-text', `a .${extension} file must be text, and this one holds binary data`, { extension });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('not-utf8', `a .${extension} file must be UTF-8 text`, { extension });
  }
  if (MARKUP.test(text.replace(/^\uFEFF/, ''))) return refuse('markup-content', `the name says .${extension} but the content is HTML, SVG or XML`, { extension });
  return { accepted: true, contentType, extension };
}

function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : null;
}

/**
 * A name safe to store and to put in a Content-Disposition header: no path, no control characters,
 * at most 200 characters (keeping the extension).
 */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = withoutDirectionMarks(storableText(base)).replace(/[\u0000-\u001f\u007f"]/g, '').trim().replace(/^\.+/, '');
  if (!cleaned) return 'attachment';
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 12 ? cleaned.slice(dot) : '';
  return cutText(cleaned, 200 - extension.length) + extension;
}
