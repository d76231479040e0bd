import { AttachmentsTooLarge, TooManyAttachments } from './attachment-errors.js';
import { assertFileFits, assertMessageFits, DEFAULT_ATTACHMENT_LIMITS, mimeEncodedBytes, selectFilesThatFit, type AttachmentLimits } from './attachment-limits.js';

const MB = 1024 * 1024;
const limits: AttachmentLimits = { maxFileBytes: 10, maxFilesPerMessage: 3, maxMessageBytes: 25, maxTicketBytes: 40 };

describe('attachment limits', () => {
  it('defaults to 10 MB a file, 10 files and 25 MB a message, 100 MB a ticket', () => {
    expect(DEFAULT_ATTACHMENT_LIMITS).toEqual({ maxFileBytes: 10 * MB, maxFilesPerMessage: 10, maxMessageBytes: 25 * MB, maxTicketBytes: 100 * MB });
  });

  it('takes a file up to the limit and refuses one byte more', () => {
    expect(() => assertFileFits(10, limits)).not.toThrow();
    expect(() => assertFileFits(11, limits)).toThrow(AttachmentsTooLarge);
  });

  it('refuses more files than a message takes', () => {
    expect(() => assertMessageFits([1, 1, 1], 0, limits)).not.toThrow();
    expect(() => assertMessageFits([1, 1, 1, 1], 0, limits)).toThrow(TooManyAttachments);
  });

  it('refuses a message whose files together pass the message limit, naming the scope', () => {
    const error = catchError(() => assertMessageFits([10, 10, 6], 0, limits));
    expect(error).toBeInstanceOf(AttachmentsTooLarge);
    expect((error as AttachmentsTooLarge).extensions()).toEqual({ scope: 'message', sizeBytes: 26, limitBytes: 25 });
  });

  it('refuses a message that would take the ticket past its limit, counting what it holds', () => {
    expect(() => assertMessageFits([10, 10], 20, limits)).not.toThrow();
    const error = catchError(() => assertMessageFits([10, 10], 21, limits));
    expect((error as AttachmentsTooLarge).scope).toBe('ticket');
  });

  it('refuses a message with one file over the file limit even when the total fits', () => {
    expect((catchError(() => assertMessageFits([11], 0, limits)) as AttachmentsTooLarge).scope).toBe('file');
  });

  it('keeps the files of a mail that fit, in order, and gives each one left out its reason', () => {
    const files = [
      { filename: 'a.png', sizeBytes: 11 },
      { filename: 'b.png', sizeBytes: 10 },
      { filename: 'c.png', sizeBytes: 10 },
      { filename: 'd.png', sizeBytes: 6 },
      { filename: 'e.png', sizeBytes: 5 },
      { filename: 'f.png', sizeBytes: 1 },
    ];
    const { kept, refused } = selectFilesThatFit(files, 0, limits);
    expect(kept.map((f) => f.filename)).toEqual(['b.png', 'c.png', 'e.png']);
    expect(refused.map((r) => [r.file.filename, r.reason])).toEqual([
      ['a.png', 'larger than 10 bytes per file'],
      ['d.png', 'over 25 bytes per message'],
      ['f.png', 'more than 3 files in one message'],
    ]);
  });

  it('leaves out a mail\'s files that would pass the ticket limit', () => {
    const { kept, refused } = selectFilesThatFit([{ filename: 'a', sizeBytes: 5 }, { filename: 'b', sizeBytes: 6 }], 30, limits);
    expect(kept.map((f) => f.filename)).toEqual(['a']);
    expect(refused[0]?.reason).toBe('over 40 bytes per ticket');
  });
});

function catchError(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('a file in a mail as sent', () => {
  it('is its base64 form in lines of 76 characters, each ended by CRLF', () => {
    expect(mimeEncodedBytes(0)).toBe(0);
    expect(mimeEncodedBytes(57)).toBe(76 + 2);
    expect(mimeEncodedBytes(58)).toBe(80 + 4);
    expect(mimeEncodedBytes(Buffer.alloc(10_000).length)).toBe(Buffer.alloc(10_000).toString('base64').replace(/.{1,76}/g, '$&\r\n').length);
  });
});
