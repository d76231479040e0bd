/** One audit entry as GET /api/audit answers it; secrets in before/after are already "•••". */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: { type: 'agent'; id: string; name: string; role: string } | { type: 'system' };
  address: string | null;
  userAgent: string | null;
  action: string;
  target: { type: string; id: string | null; label: string | null };
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}
