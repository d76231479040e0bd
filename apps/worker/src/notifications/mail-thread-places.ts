import { addresseesOf, mailThreadIdFor } from '@firsthand/notifications';
import { trimReferences, type MailThreadPlace, type NotificationToSend } from '@firsthand/persistence';

/**
 * Each customer email of a job's events (taken for sending) in its place in the ticket's mail
 * thread, from the place read with its event. Those places were read before any of the job's
 * emails was stored, so the emails of one ticket follow each other here, in event order: each one's
 * conversation ends with the ones before it, as it would had they been sent one after another.
 */
export function mailThreadPlaces(taken: readonly NotificationToSend[], placeOfEvent: (eventId: string) => MailThreadPlace | null | undefined): Map<string, MailThreadPlace> {
  const places = new Map<string, MailThreadPlace>();
  const earlierOfTicket = new Map<string, string[]>();
  const emails = taken.filter((n) => n.channel === 'email' && n.recipientType === 'customer').sort((a, b) => Number(a.eventId) - Number(b.eventId));
  for (const email of emails) {
    const place = placeOfEvent(email.eventId);
    if (!place) continue;
    const earlier = earlierOfTicket.get(email.ticketId) ?? [];
    places.set(email.id, { ...place, conversation: trimReferences([...place.conversation, ...earlier]) });
    // A copied person's copy is theirs alone: the emails after it do not refer to a message their readers never got.
    if (!addresseesOf(email.payload)) earlierOfTicket.set(email.ticketId, [...earlier, mailThreadIdFor(email.id)]);
  }
  return places;
}
