import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const services = globalThis.__firsthandServices;
  if (!services) return;
  await services.redis?.stop();
  await services.postgres.stop();
  rmSync(services.root, { recursive: true, force: true });
}
