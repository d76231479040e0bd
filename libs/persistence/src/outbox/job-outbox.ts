import type { EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';

/**
 * Committed ticket events still owed to the worker. A row is handed to BullMQ and stays until the
 * event was handled, so a job Redis lost is handed over again; handing over a job that is still in
 * Redis is a no-op there (the job id is the event's).
 */
export class JobOutbox {
  /**
   * Takes rows never handed over, and rows handed over more than `againAfterMs` ago and still not
   * handled; marks them handed over. Caller commits only after BullMQ accepted the jobs.
   */
  async takeDue(em: EntityManager, againAfterMs: number, limit: number): Promise<Array<{ eventId: string; handedOverBefore: boolean }>> {
    const rows = await SqlRunner.of(em).rows<{ event_id: string; hand_overs: number }>(
      `WITH due AS (
         SELECT event_id FROM job_outbox
         WHERE handed_over_at IS NULL OR handed_over_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE job_outbox o SET handed_over_at = now(), hand_overs = o.hand_overs + 1 FROM due
       WHERE o.event_id = due.event_id RETURNING o.event_id, o.hand_overs`,
      [againAfterMs, limit],
    );
    return rows.map((r) => ({ eventId: String(r.event_id), handedOverBefore: r.hand_overs > 1 })).sort((a, b) => Number(a.eventId) - Number(b.eventId));
  }

  async markHandled(em: EntityManager, eventId: string): Promise<void> {
    await em.query(`DELETE FROM job_outbox WHERE event_id = $1`, [eventId]);
  }
}
