import type { AttachmentTypeRefusal } from '@firsthand/domain';

/** A file as a message event and a download name it. */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** PNG, JPEG, GIF and WebP may be shown in the page; everything else downloads. */
  inline: boolean;
}

/** The answer of `POST /api/uploads`: present `{ id, uploadToken }` in a message's `attachments` within 24 hours. */
export interface UploadedAttachment extends AttachmentView {
  uploadToken: string;
}

/** One entry of a message's `attachments` in a request body. */
export interface UploadRef {
  id: string;
  uploadToken: string;
}

/** The limits a page checks before it sends (`GET /api/client-config`, member `attachments`); the API checks them again. */
export interface AttachmentLimitsView {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  maxMessageBytes: number;
}

/** 413 `attachments-too-large`: one file, a message's files together, or the ticket's files would pass `limitBytes`. */
export interface AttachmentsTooLargeProblem {
  scope: 'file' | 'message' | 'ticket';
  limitBytes: number;
  /** What the message or ticket would take; absent when one file was cut off while uploading. */
  sizeBytes?: number;
}

/** 415 `attachment-type-refused`: `refusal` and the names it rests on, to say in the reader's language; `reason` is English. */
export interface AttachmentTypeRefusedProblem {
  filename: string;
  reason: string;
  refusal: AttachmentTypeRefusal;
  extension?: string;
  detectedType?: string;
  detectedMime?: string;
}
