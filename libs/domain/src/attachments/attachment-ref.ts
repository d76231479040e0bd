/** What a message's event says about each file it carries: enough for a timeline to list and link it. */
export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
}

/** Events without files keep their old shape. */
export function withAttachments(attachments: readonly AttachmentRef[] | undefined): { attachments?: AttachmentRef[] } {
  return attachments && attachments.length > 0 ? { attachments: [...attachments] } : {};
}

/** A file a customer's mail carried that was not attached: its name, and what stopped it (its type, its size, one file too many). */
export interface FileNotAttached {
  filename: string;
  why: 'type' | 'size' | 'count';
  /**
   * This entry stands for that many more files, not named (a mail of hundreds of files names the
   * first few; the list would otherwise be the length of the mail): `filename` is empty then.
   */
  unnamed?: number;
}

/** Events whose mail lost no file keep their old shape. */
export function withFilesNotAttached(files: readonly FileNotAttached[] | undefined): { filesNotAttached?: FileNotAttached[] } {
  return files && files.length > 0 ? { filesNotAttached: files.map(({ filename, why, unnamed }) => ({ filename, why, ...(unnamed ? { unnamed } : {}) })) } : {};
}
