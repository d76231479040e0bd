import { ATTACHMENT_TYPE_REFUSALS } from '@firsthand/domain';
import type { MessageKey } from '../i18n/messages-en.js';
import { DICTIONARIES, translate, type MessageParams, type UiLocale } from '../i18n/locale.js';
import { attachmentsExcess, excessText, messageAttachmentsText, typeRefusalText, uploadRefusalText } from './attachment-problems.js';

const MB = 1024 * 1024;
const LIMITS = { maxFileBytes: 10 * MB, maxFilesPerMessage: 10, maxMessageBytes: 25 * MB };
const translator = (locale: UiLocale) => (key: MessageKey, params?: MessageParams) => translate(DICTIONARIES[locale], key, params);
const en = translator('en');
const zh = translator('zh-CN');

describe('attachmentsExcess: a message\'s files checked before sending', () => {
  it('lets files through that fit, and everything when the limits are unknown', () => {
    expect(attachmentsExcess([9 * MB, 9 * MB], LIMITS)).toBeNull();
    expect(attachmentsExcess([25 * MB], LIMITS)).toBeNull();
    expect(attachmentsExcess([20 * MB, 20 * MB], null)).toBeNull();
  });

  it('holds back files too large together, or too many', () => {
    expect(attachmentsExcess([9_000_114, 9_000_114, 9_000_114], LIMITS)).toEqual({ kind: 'bytes', totalBytes: 27_000_342, limitBytes: 25 * MB });
    expect(attachmentsExcess(Array.from({ length: 11 }, () => 10), LIMITS)).toEqual({ kind: 'count', count: 11, limit: 10 });
  });

  it('says so in the reader\'s language, in MB', () => {
    const excess = attachmentsExcess([9_000_114, 9_000_114, 9_000_114], LIMITS)!;
    expect(excessText(excess, en, 'en')).toBe('These files take 25.8 MB together; one message may carry at most 25 MB. Remove some before sending.');
    expect(excessText(excess, zh, 'zh-CN')).toBe('这些文件合计 25.8 MB，一条消息最多只能附带 25 MB。请先移除部分文件再发送。');
    expect(excessText({ kind: 'count', count: 11, limit: 10 }, en, 'en')).toBe('One message may carry at most 10 files. Remove some before sending.');
  });
});

describe('messageAttachmentsText: the API refused a message for its files', () => {
  const problem = (code: string, body: Record<string, unknown>) => ({ status: code === 'attachments-too-large' ? 413 : 422, code, body });

  it('says a message too large in MB, never in bytes or English', () => {
    const tooLarge = problem('attachments-too-large', { scope: 'message', sizeBytes: 27_000_342, limitBytes: 26_214_400, detail: 'The attachments of this message would take 27000342 bytes; the limit is 26214400.' });
    expect(messageAttachmentsText(tooLarge, en, 'en')).toBe('These files take 25.8 MB together; one message may carry at most 25 MB. Remove some before sending.');
    expect(messageAttachmentsText(tooLarge, zh, 'zh-CN')).toBe('这些文件合计 25.8 MB，一条消息最多只能附带 25 MB。请先移除部分文件再发送。');
  });

  it('says the ticket\'s limit, too many files, an expired upload', () => {
    expect(messageAttachmentsText(problem('attachments-too-large', { scope: 'ticket', sizeBytes: 105 * MB, limitBytes: 100 * MB }), en, 'en')).toBe('An issue may hold at most 100 MB of files in all, and these would pass it. Remove some before sending.');
    expect(messageAttachmentsText(problem('too-many-attachments', { count: 12, limit: 10 }), zh, 'zh-CN')).toBe('一条消息最多附带 10 个文件。请先移除部分文件再发送。');
    expect(messageAttachmentsText(problem('upload-not-usable', { uploadIds: ['u1'] }), en, 'en')).toMatch(/^An attached file can no longer be used/);
  });

  it('leaves any other refusal to the form', () => {
    expect(messageAttachmentsText(problem('validation', { errors: [] }), en, 'en')).toBeNull();
  });
});

describe('typeRefusalText: why an upload\'s type was refused', () => {
  it('says the server\'s reason in the reader\'s language', () => {
    const mismatch = { filename: 'invoice.pdf', refusal: 'name-mismatch', extension: 'pdf', detectedType: 'png', detectedMime: 'image/png' };
    expect(typeRefusalText(mismatch, en)).toBe('the name says .pdf but the content is PNG');
    expect(typeRefusalText(mismatch, zh)).toBe('文件名为 .pdf，但内容是 PNG');
    expect(typeRefusalText({ refusal: 'executable-name', extension: 'exe' }, en)).toBe('.exe files are programs or scripts, which are not accepted');
    expect(typeRefusalText({ refusal: 'markup-name', extension: 'svg' }, zh)).toBe('.svg 文件可能携带脚本（不接受 SVG、HTML 和 XML）');
    expect(typeRefusalText({ refusal: 'type-not-accepted', detectedType: 'sqlite', detectedMime: 'application/x-sqlite3' }, en)).toBe('files of type application/x-sqlite3 are not accepted');
  });

  it('has a text of its own for every refusal the API gives', () => {
    const generic = en('attach.refusedType');
    for (const refusal of ATTACHMENT_TYPE_REFUSALS) {
      const said = typeRefusalText({ refusal, extension: 'txt', detectedType: 'exe', detectedMime: 'application/x-msdownload' }, en);
      expect([refusal, said]).not.toEqual([refusal, generic]);
      expect(said).not.toMatch(/\{\w+\}/);
    }
  });

  it('falls back to the general text for a refusal it does not know, or one missing what it names', () => {
    expect(typeRefusalText({ refusal: 'quarantined-by-antivirus' }, en)).toBe('this kind of file is not accepted');
    expect(typeRefusalText({ refusal: 'name-mismatch' }, zh)).toBe('不接受此类文件');
    expect(typeRefusalText({}, en)).toBe('this kind of file is not accepted');
  });
});

describe('uploadRefusalText', () => {
  it('says the file limit so that a file over it never reads as equal', () => {
    expect(uploadRefusalText({ status: 413, code: 'attachments-too-large', body: { scope: 'file', limitBytes: 10 * MB } }, '', en, 'en')).toBe('a file may be at most 10 MB');
    expect(uploadRefusalText({ status: 413, code: 'attachments-too-large', body: { scope: 'file', limitBytes: 10_000_000 } }, '', en, 'en')).toBe('a file may be at most 9.5 MB');
  });

  it('maps a type refusal, the rate limit, and keeps anything else as it came', () => {
    expect(uploadRefusalText({ status: 415, code: 'attachment-type-refused', body: { refusal: 'empty' } }, '', zh, 'zh-CN')).toBe('文件是空的');
    expect(uploadRefusalText({ status: 429, code: 'too-many-requests', body: {} }, '', en, 'en')).toBe('too many uploads in a short time; try again in a minute');
    // Waiting uploads are not a minute's rate: the reader is told to send what they have.
    expect(uploadRefusalText({ status: 429, code: 'too-many-pending-uploads', body: { pending: 50, limit: 50 } }, '', en, 'en')).toMatch(/waiting to be sent; send the message/);
    expect(uploadRefusalText({ status: 429, code: 'too-many-pending-uploads', body: { pending: 50, limit: 50 } }, '', zh, 'zh-CN')).toMatch(/等待发送的文件过多/);
    expect(uploadRefusalText(null, 'network error', en, 'en')).toBe('network error');
  });
});
