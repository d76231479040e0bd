import type { NotificationListItem } from '@firsthand/realtime-contracts';

/** A notification as the API lists it; the supervisors' stream pushes the same shape. */
export type NotificationItem = NotificationListItem;

/** `GET /api/notifications`: newest first; `nextCursor` asks for the next page. */
export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
}

/** `GET /api/tickets/:id/notifications`: oldest first, the whole list. */
export interface TicketNotificationList {
  items: NotificationItem[];
}

/** `POST /api/notifications/:id/retry`. */
export interface NotificationRetryAnswer {
  notification: NotificationItem;
  /** False when the delivery job could not be queued within a second. */
  queued: boolean;
}
