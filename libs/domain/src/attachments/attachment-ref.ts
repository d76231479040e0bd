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
