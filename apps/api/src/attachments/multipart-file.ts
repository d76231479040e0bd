import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';

export interface ReceivedFile {
  filename: string;
  bytes: Buffer;
  declaredType: string;
}

/**
 * The one file of a multipart upload, read into memory up to `maxBytes` (the parser stops reading
 * past it, so an oversized body costs no more than the limit). Anything else in the form is ignored.
 */
export async function readOneFile(request: FastifyRequest, maxBytes: number): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new RequestValidationFailed([{ field: 'file', messages: ['send multipart/form-data with one file in the field "file"'] }]);
  }
  let received: ReceivedFile | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 100 } })) {
      if (part.type !== 'file') continue;
      received = { filename: part.filename, bytes: await part.toBuffer(), declaredType: part.mimetype };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpProblem(413, 'attachments-too-large', 'Attachments too large', `A file may be at most ${maxBytes} bytes.`, { scope: 'file', limitBytes: maxBytes });
    }
    if (code === 'FST_FILES_LIMIT') throw new RequestValidationFailed([{ field: 'file', messages: ['send one file per upload'] }]);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new RequestValidationFailed([{ field: 'file', messages: ['too many form fields'] }]);
    if (code?.startsWith('FST_') || error instanceof Error) {
      throw new RequestValidationFailed([{ field: 'file', messages: [`malformed multipart body: ${(error as Error).message}`] }]);
    }
    throw error;
  }
  if (!received) throw new RequestValidationFailed([{ field: 'file', messages: ['the form holds no file'] }]);
  return received;
}
