import type { EntityManager } from 'typeorm';

/** Published live: the gateways have these events, so the relay need not send them again. */
export async function dropPublishedLiveEvents(em: EntityManager, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length > 0) await em.query(`DELETE FROM live_outbox WHERE event_id = ANY($1::bigint[])`, [eventIds]);
}
