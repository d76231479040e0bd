/** What the audit page's filter form holds; empty strings are "any". */
export interface AuditFilterForm {
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
  /** datetime-local values, read in the browser's zone. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterForm = { action: '', actorId: '', targetType: '', targetId: '', from: '', to: '' };

/** The query string of GET /api/audit for a form, with a cursor and a format when given. */
export function auditQuery(form: AuditFilterForm, extra: { cursor?: string | null; format?: 'csv'; limit?: number } = {}): string {
  const params = new URLSearchParams();
  const text = (name: string, value: string) => value.trim() && params.set(name, value.trim());
  text('action', form.action);
  text('actorId', form.actorId);
  text('targetType', form.targetType);
  text('targetId', form.targetId);
  for (const name of ['from', 'to'] as const) {
    const at = form[name] ? new Date(form[name]) : null;
    if (at && !Number.isNaN(at.getTime())) params.set(name, at.toISOString());
  }
  if (extra.limit) params.set('limit', String(extra.limit));
  if (extra.cursor) params.set('cursor', extra.cursor);
  if (extra.format) params.set('format', extra.format);
  return params.toString();
}
