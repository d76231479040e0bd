import type { Readable } from 'node:stream';
import type { AttachmentRecord } from '@firsthand/persistence';

export interface DownloadReply {
  status(code: number): DownloadReply;
  header(name: string, value: string | number): DownloadReply;
  send(body: Readable): unknown;
}

/**
 * Sends a stored file so that a browser can never run it: its sniffed type with `nosniff`, a
 * sandboxing CSP, and `Content-Disposition: attachment` for everything but the raster images the
 * page may show inline.
 */
export function sendAttachment(reply: DownloadReply, record: AttachmentRecord, bytes: Readable): void {
  reply
    .status(200)
    .header('Content-Type', record.contentType)
    .header('Content-Length', record.sizeBytes)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Content-Disposition', contentDisposition(record.inline ? 'inline' : 'attachment', record.filename))
    .header('Cache-Control', 'private, no-store')
    .header('Cross-Origin-Resource-Policy', 'same-origin')
    .header('ETag', `"${record.sha256}"`)
    .send(bytes);
}

/** RFC 6266: an ASCII fallback name and the exact UTF-8 name (RFC 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
