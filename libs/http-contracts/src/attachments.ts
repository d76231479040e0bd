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
