/**
 * A quick walk over the raw MIME structure, before mailparser sees the mail: how deep the parts
 * nest and which charsets the text parts and encoded words declare. mailparser tells neither (it
 * silently decodes an unknown charset as UTF-8), and a mail nested too deep must be refused
 * before anything builds a tree of it.
 */
export interface MimeOutline {
  /** The first line is a header field: the least a mail must start with. */
  startsWithHeader: boolean;
  /** Deepest nesting of multipart and message/rfc822 containers (a plain mail is 0). */
  depth: number;
  /** Lower-cased charset names of text parts (not attachments) and encoded words, each once. */
  charsets: string[];
  /** A text/plain part that is not an attachment: the mail has a text of its own (else its HTML is read). */
  hasPlainText: boolean;
  /** A mail carried inside it, not as an attachment (a forward "as inline"): mailparser reads its words into the text. */
  hasInlineMessage: boolean;
  /** Header blocks walked: the mail's own and each part's, inside attached mails too. */
  parts: number;
}

interface Container {
  /** null for an attached message/rfc822, which ends with its parent's boundary. */
  boundary: string | null;
  /** Inside a mail carried as an attachment (mailparser keeps it as a file, its parts unread). */
  attached: boolean;
}

const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
const ENCODED_WORD_CHARSET = /=\?([^?\s*]{1,64})(?:\*[^?\s]*)?\?[bq]\?/gi;
const PARAMETER = /;\s*([^=\s;]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))/g;

export function outlineMime(raw: Buffer, stopBeyondDepth: number): MimeOutline {
  const lines = raw.toString('latin1').split(/\r?\n/);
  const charsets = new Set<string>();
  const stack: Container[] = [];
  let depth = 0;
  let inHeaders = true;
  let header: string[] = [];
  let hasPlainText = false;
  let hasInlineMessage = false;
  let parts = 0;

  const endHeaderBlock = (): void => {
    parts++;
    const unfolded = header.join('\n').replace(/\n[ \t]+/g, ' ');
    header = [];
    for (const match of unfolded.matchAll(ENCODED_WORD_CHARSET)) charsets.add(match[1].toLowerCase());
    const contentType = /^content-type[ \t]*:(.*)$/im.exec(unfolded)?.[1] ?? 'text/plain';
    const type = contentType.split(';')[0].trim().toLowerCase();
    const params = new Map<string, string>();
    for (const match of contentType.matchAll(PARAMETER)) params.set(match[1].toLowerCase(), match[2] ?? match[3] ?? '');
    const transfer = /^content-transfer-encoding[ \t]*:(.*)$/im.exec(unfolded)?.[1].trim().toLowerCase() ?? '';
    const insideAttachment = stack.at(-1)?.attached ?? false;
    const attachedHere = /^content-disposition[ \t]*:[ \t]*attachment/im.test(unfolded);
    const isMessage = type === 'message/rfc822' || type === 'message/global';
    if (isMessage && stack.length > 0 && !attachedHere && !insideAttachment) hasInlineMessage = true;
    const boundary = params.get('boundary');
    if (type.startsWith('multipart/') && boundary) {
      stack.push({ boundary, attached: insideAttachment });
      inHeaders = false;
    } else if ((type === 'message/rfc822' || type === 'message/global') && transfer !== 'base64' && transfer !== 'quoted-printable') {
      stack.push({ boundary: null, attached: insideAttachment || attachedHere });
      inHeaders = true;
    } else {
      // A text attachment is kept as bytes, never decoded: its charset does not matter.
      const attached = /^content-disposition[ \t]*:[ \t]*attachment/im.test(unfolded);
      if (type.startsWith('text/') && params.get('charset') && !attached) charsets.add(params.get('charset')!.trim().toLowerCase());
      if (type === 'text/plain' && !attached) hasPlainText = true;
      inHeaders = false;
    }
    depth = Math.max(depth, stack.length);
  };

  for (const line of lines) {
    if (depth > stopBeyondDepth) break;
    if (inHeaders) {
      if (line.trim() === '') endHeaderBlock();
      else header.push(line);
      continue;
    }
    if (!line.startsWith('--')) continue;
    for (let i = stack.length - 1; i >= 0; i--) {
      const boundary = stack[i].boundary;
      if (boundary === null || !line.startsWith(`--${boundary}`)) continue;
      const rest = line.slice(boundary.length + 2).trimEnd();
      if (rest === '--') {
        stack.length = i;
      } else if (rest === '') {
        stack.length = i + 1;
        inHeaders = true;
      } else {
        continue;
      }
      break;
    }
  }
  if (inHeaders && header.length > 0) endHeaderBlock();
  return { startsWithHeader: HEADER_FIELD.test(lines[0] ?? ''), depth, charsets: [...charsets], hasPlainText, hasInlineMessage, parts };
}
