import { showsInline, type AttachmentRef, type Visibility } from '@firsthand/domain';

export interface AttachmentRow {
  id: string;
  ticket_id: string | null;
  event_seq: number | null;
  message_id: string | null;
  visibility: Visibility | null;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  storage_key: string;
  added_by_type: 'agent' | 'customer';
  added_by_id: string | null;
  created_at: Date;
  bound_at: Date | null;
}

/** A file as its timeline entry and its download see it. */
export interface AttachmentView extends AttachmentRef {
  sha256: string;
}

/** Everything about a stored file, for downloads and for erasing a ticket's data. */
export interface AttachmentRecord extends AttachmentView {
  ticketId: string | null;
  eventSeq: number | null;
  messageId: string | null;
  visibility: Visibility | null;
  storageKey: string;
  addedBy: { type: 'agent' | 'customer'; id: string | null };
  createdAt: Date;
  boundAt: Date | null;
}

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    inline: showsInline(row.content_type),
    sha256: row.sha256,
  };
}

export function toAttachmentRef(view: AttachmentView): AttachmentRef {
  return { id: view.id, filename: view.filename, contentType: view.contentType, sizeBytes: view.sizeBytes, inline: view.inline };
}

export function toAttachmentRecord(row: AttachmentRow): AttachmentRecord {
  return {
    ...toAttachmentView(row),
    ticketId: row.ticket_id,
    eventSeq: row.event_seq,
    messageId: row.message_id,
    visibility: row.visibility,
    storageKey: row.storage_key,
    addedBy: { type: row.added_by_type, id: row.added_by_id },
    createdAt: row.created_at,
    boundAt: row.bound_at,
  };
}
