/**
 * "Past an SLA target" in SQL, at the moments the worker's timers treat as breaches
 * (`slaThresholdsOf` in libs/domain): the first response while nobody answered; the resolution
 * unless its clock is stopped for the customer's turn (a clock stopped after its due time had
 * already passed stays breached); the promised next update while the ticket is open and owned.
 * `t` is the tickets table's alias ('' for none), `now` an SQL expression.
 */
const column = (t: string) => (name: string) => (t ? `${t}.${name}` : name);

export const firstResponseBreachedSql = (t: string, now: string): string => {
  const c = column(t);
  return `(${c('first_response_at')} IS NULL AND ${c('first_response_due_at')} < ${now})`;
};

export const resolutionBreachedSql = (t: string, now: string): string => {
  const c = column(t);
  return `(${c('resolution_due_at')} < ${now} AND (${c('sla_paused_at')} IS NULL OR ${c('resolution_due_at')} <= ${c('sla_paused_at')}))`;
};

export const nextUpdateBreachedSql = (t: string, now: string): string => {
  const c = column(t);
  return `(${c('status')} = 'open' AND ${c('owner_id')} IS NOT NULL AND ${c('next_update_due_at')} < ${now})`;
};
