import type { ApiHarness } from './api-harness.js';
import { startAppProcess, type AppProcess } from './app-process.js';
import { TEST_SECRET, testServices } from './test-services.js';

/** A gateway process's environment for the API harness's database and the shared test Redis. */
export function gatewayEnv(api: ApiHarness): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: api.database.url,
    REDIS_URL: testServices().redisUrl,
    FIRSTHAND_SECRET: TEST_SECRET,
    GATEWAY_PORT: '0',
  };
}

/** `count` gateway processes on the Redis adapter, started side by side; all of them or an error naming what failed. */
export async function startGateways(api: ApiHarness, count: number): Promise<AppProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startAppProcess('gateway', gatewayEnv(api))));
  const gateways = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (gateways.length !== count) {
    await Promise.all(gateways.map((g) => g.stop()));
    throw new Error(`gateways did not start: ${started.map((s) => (s.status === 'rejected' ? s.reason : 'ok')).join('; ')}`);
  }
  return gateways;
}
