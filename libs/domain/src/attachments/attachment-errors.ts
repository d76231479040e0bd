import { DomainError } from '../domain-errors.js';
import type { AttachmentTypeRefusal } from '../vocabulary.js';

export type AttachmentLimitScope = 'file' | 'message' | 'ticket';

/** A file, a message's files together, or a ticket's files would pass their byte limit. */
export class AttachmentsTooLarge extends DomainError {
  readonly code = 'attachments-too-large';
  constructor(readonly scope: AttachmentLimitScope, readonly sizeBytes: number, readonly limitBytes: number) {
    super(`The attachments of this ${scope} would take ${sizeBytes} bytes; the limit is ${limitBytes}.`);
  }
  override extensions() {
    return { scope: this.scope, sizeBytes: this.sizeBytes, limitBytes: this.limitBytes };
  }
}

export class TooManyAttachments extends DomainError {
  readonly code = 'too-many-attachments';
  constructor(readonly count: number, readonly limit: number) {
    super(`A message takes at most ${limit} attachments; this one has ${count}.`);
  }
  override extensions() {
    return { count: this.count, limit: this.limit };
  }
}

/** One client's uploads waiting to be attached would pass their count or byte limit: nothing was stored. */
export class TooManyPendingUploads extends DomainError {
  readonly code = 'too-many-pending-uploads';
  constructor(readonly pending: number, readonly limit: number, readonly pendingBytes: number, readonly limitBytes: number) {
    super(`At most ${limit} uploads (${limitBytes} bytes) may wait to be attached; ${pending} (${pendingBytes} bytes) already do. Attach or drop them, or wait until they expire after 24 hours.`);
  }
  override extensions() {
    return { pending: this.pending, limit: this.limit, pendingBytes: this.pendingBytes, limitBytes: this.limitBytes };
  }
}

/** An upload that is unknown, already attached, expired, or presented with the wrong token: all look the same. */
export class UploadNotUsable extends DomainError {
  readonly code = 'upload-not-usable';
  constructor(readonly uploadIds: string[]) {
    super('An attachment refers to an upload that does not exist, has expired or is already attached; upload the file again.');
  }
  override extensions() {
    return { uploadIds: this.uploadIds };
  }
}

/** What a type refusal rests on, for a page to say it in its reader's language (`reason` is English). */
export interface AttachmentTypeRefusalDetails {
  refusal: AttachmentTypeRefusal;
  extension?: string;
  detectedType?: string;
  detectedMime?: string;
}

/** The bytes are not a type we take, or the name lies about them; nothing was stored. */
export class AttachmentTypeRefused extends DomainError {
  readonly code = 'attachment-type-refused';
  constructor(readonly filename: string, readonly reason: string, readonly details: AttachmentTypeRefusalDetails) {
    super(`${filename} was not accepted: ${reason}.`);
  }
  override extensions() {
    const { refusal, extension, detectedType, detectedMime } = this.details;
    return { filename: this.filename, reason: this.reason, refusal, ...(extension ? { extension } : {}), ...(detectedType ? { detectedType } : {}), ...(detectedMime ? { detectedMime } : {}) };
  }
}
