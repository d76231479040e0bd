import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker processes of a deployment, each with the roles it runs (WORKER_ROLES): every process
 * checks in every 15 s and checks out when it stops, so the API and every worker can say which
 * role no living process runs (its work would wait unseen). Rows of processes gone for a day are dropped.
 */
export class WorkerRoster1763804000000 implements MigrationInterface {
  name = 'WorkerRoster1763804000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_processes (
        id uuid PRIMARY KEY,
        hostname text NOT NULL,
        pid integer NOT NULL,
        roles text[] NOT NULL,
        started_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX worker_processes_seen_at ON worker_processes (seen_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_processes`);
  }
}
