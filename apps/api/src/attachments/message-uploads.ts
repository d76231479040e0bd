import type { AttachmentOwner, AttachmentStore, StoredTicketEvent, UploadRef } from '@firsthand/persistence';
import type { WithinChange } from '@firsthand/ticketing';

/**
 * Binds a message's uploads to the event that carries it (found by its message id), in the
 * change's transaction; no uploads, nothing to do.
 */
export function bindUploadsToMessage(
  store: AttachmentStore,
  refs: readonly UploadRef[] | undefined,
  messageId: string,
  owner: Omit<AttachmentOwner, 'eventSeq' | 'messageId' | 'ticketId'>,
): WithinChange | undefined {
  if (!refs?.length) return undefined;
  return async (tx, events) => {
    const carrier = events.find((event) => messageIdOf(event) === messageId);
    if (!carrier) throw new Error(`No event carries message ${messageId}`);
    await store.claimUploads(tx, refs, { ...owner, ticketId: carrier.ticketId, eventSeq: carrier.seq, messageId });
  };
}

function messageIdOf(event: StoredTicketEvent): string | null {
  const payload = event.payload as { messageId?: unknown };
  return typeof payload.messageId === 'string' ? payload.messageId : null;
}
