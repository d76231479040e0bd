import { encode as base64, wrap as wrapBase64 } from 'nodemailer/lib/base64';
import type MimeNode from 'nodemailer/lib/mime-node';
import { encode as quotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';

/** nodemailer's QP stream encodes its input in slices of this many bytes (qp/index.js ENCODE_SLICE_SIZE). */
const QP_SLICE_BYTES = 64 * 1024;

/** The parts of a composed node this walk reads; nodemailer's own fields, kept since 6.x. */
interface ComposedNode {
  buildHeaders(): string;
  getTransferEncoding(): string | false;
  content?: unknown;
  multipart?: boolean;
  boundary?: string | false;
  childNodes: ComposedNode[];
  contentType?: string;
  newline?: unknown;
  _raw?: unknown;
  _transforms?: unknown[];
  _processFuncs?: unknown[];
}

/**
 * The bytes of a message composed by nodemailer's MailComposer, written in one synchronous walk of
 * its tree: the same bytes its `build()` streams (a unit test compares them), without a stream, a
 * pipeline and an AbortController a part. `build()` cost 370-510 µs of CPU a notification, this
 * about half (docs/benchmarks.md). Null for what only the stream handles (contents that are
 * streams, files or URLs, raw parts, DKIM signing, newline conversion): build() it then.
 */
export function builtAtOnce(root: MimeNode): Buffer | null {
  const node = root as unknown as ComposedNode;
  if (node.newline || node._transforms?.length || node._processFuncs?.length) return null;
  const parts: Buffer[] = [];
  if (!walk(node, parts)) return null;
  const built = Buffer.concat(parts);
  // As nodemailer's LastNewline: the message ends with a line break.
  const last = built.length > 0 ? built[built.length - 1] : -1;
  return last === 0x0a ? built : Buffer.concat([built, Buffer.from(last === 0x0d ? '\n' : '\r\n')]);
}

function walk(node: ComposedNode, parts: Buffer[]): boolean {
  if (node._raw) return false;
  const content = node.content;
  if (content !== undefined && content !== null && content !== '' && typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
  const encoding = node.getTransferEncoding();
  // Building the headers also sets the node's content type, multipart flag and boundary, as in the stream.
  parts.push(Buffer.from(node.buildHeaders() + '\r\n\r\n'));
  // Outside text, nodemailer's QP stream encodes line breaks as data; over 64 KiB it encodes in
  // slices, whose soft line breaks can fall elsewhere: neither is this walk's case.
  if (content && encoding === 'quoted-printable' && (!/^text\//i.test(node.contentType ?? '') || Buffer.byteLength(content as string | Buffer) > QP_SLICE_BYTES)) return false;
  if (content) {
    const body = content as string | Buffer;
    if (encoding === 'base64') parts.push(Buffer.from(wrapBase64(base64(body), 76)));
    else if (encoding === 'quoted-printable') parts.push(Buffer.from(wrapQuotedPrintable(quotedPrintable(body), 76)));
    else parts.push(Buffer.isBuffer(body) ? body : Buffer.from(body));
  }
  if (node.multipart) {
    for (const [i, child] of node.childNodes.entries()) {
      parts.push(Buffer.from(`${i > 0 ? '\r\n' : ''}--${node.boundary}\r\n`));
      if (!walk(child, parts)) return false;
    }
    parts.push(Buffer.from(`\r\n--${node.boundary}--\r\n`));
  }
  return true;
}
