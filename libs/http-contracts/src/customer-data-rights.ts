/** Customer data rights (docs/data-rights.md): an export's state, an erasure's state. */
export interface CustomerExportStatus {
  id: string;
  customerId: string;
  state: 'queued' | 'running' | 'ready' | 'failed' | 'expired' | 'deleted';
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  sizeBytes: number | null;
  /** The download route while `ready`, else null. */
  downloadUrl: string | null;
  error: string | null;
}

/** A customer's exports, newest first, with how many are live (queued, running or downloadable) against the limit. */
export interface CustomerExportList {
  items: CustomerExportStatus[];
  /** Exports queued, being written or downloadable: each is a copy of the customer's data. */
  live: number;
  /** At most this many live at once (`CUSTOMER_EXPORTS_PER_CUSTOMER`); a further request is refused until one expires. */
  liveLimit: number;
  /** How long a ready export stays downloadable (`CUSTOMER_EXPORT_KEEP_HOURS`). */
  keepHours: number;
}

export interface CustomerErasureStatus {
  id: string;
  customerId: string;
  state: 'queued' | 'running' | 'done';
  /** Steps done of `stepCount`, in the order of `steps`. */
  stepsDone: number;
  stepCount: number;
  steps: string[];
  /** Open tickets the erasure closes (counted when it was asked for). */
  openTickets: number;
  requestedAt: string;
  finishedAt: string | null;
  lastError: string | null;
}

export interface CustomerErasureRequest {
  /** Required when the customer has open tickets: the 409 answer says what will happen to them. */
  confirm?: boolean;
}
