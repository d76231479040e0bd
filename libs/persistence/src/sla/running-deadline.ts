/**
 * `nearestRunningDeadline` (libs/domain) in SQL, with 'infinity' where no clock runs, so that the
 * `due` order puts those tickets last and its keyset compares rows without NULLs. LEAST skips a
 * NULL target. `t` is the tickets table's alias.
 */
export const nearestRunningDeadlineSql = (t: string): string =>
  `COALESCE(CASE ${t}.status
    WHEN 'new' THEN LEAST(${t}.first_response_due_at, ${t}.resolution_due_at)
    WHEN 'open' THEN LEAST(${t}.next_update_due_at, ${t}.resolution_due_at)
    WHEN 'pending_customer' THEN CASE WHEN ${t}.sla_paused_at IS NULL THEN ${t}.resolution_due_at END
  END, 'infinity'::timestamptz)`;
