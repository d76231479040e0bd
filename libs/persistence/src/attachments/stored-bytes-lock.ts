import type { EntityManager } from 'typeorm';

/**
 * Stored bytes are content addressed: one file on disk can be several rows' file, and bytes are
 * deleted only when no committed row names them. A transaction adding a row for bytes it stored
 * holds their key's lock (shared) from just after the write to its commit; whoever deletes holds it
 * alone while it checks and deletes. So a delete never decides on a check that missed a row about to
 * commit: either that row committed first and keeps the bytes, or the writer finds them gone and
 * stores them again.
 */
const KEY_LOCK = `hashtextextended('stored-bytes:' || $1, 0)`;

/** The writer's side: held until `tx` ends. */
export async function holdStoredBytes(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock_shared(${KEY_LOCK})`, [key]);
}

/** The deleter's side: waits for every writer holding the key, and keeps the next out until `tx` ends. */
export async function lockStoredBytesAlone(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${KEY_LOCK})`, [key]);
}
