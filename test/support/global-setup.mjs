// Starts a throw-away PostgreSQL and Redis on free loopback ports for the whole Jest run.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedisServer, freePort, startPostgres, startRedis } from '../../scripts/lib/services.mjs';

export default async function globalSetup() {
  const root = mkdtempSync(join(tmpdir(), 'firsthand-test-'));
  // PostgreSQL runs as a separate system user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  const postgres = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), persistent: false, fast: true });
  let redis = null;
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    redis = await startRedis({ dir: join(root, 'redis'), port: await freePort(), binary: ensureRedisServer() });
    redisUrl = redis.url;
  }
  // jestPid: the shared Chromium (test/browser/support) ends with this process if no teardown stops it.
  const services = { root, jestPid: process.pid, postgresAdminUrl: postgres.adminUrl, postgresPort: postgres.port, redisUrl, redisPid: redis?.pid ?? null };
  const file = join(root, 'services.json');
  writeFileSync(file, JSON.stringify(services));
  process.env.FIRSTHAND_TEST_SERVICES = file;
  globalThis.__firsthandServices = { postgres, redis, root };
}
