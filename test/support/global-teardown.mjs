import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export default async function globalTeardown() {
  const services = globalThis.__firsthandServices;
  if (!services) return;
  await stopSharedChromium(join(services.root, 'chromium', 'pid'));
  await services.redis?.stop();
  await services.postgres.stop();
  rmSync(services.root, { recursive: true, force: true });
}

/** The browser suites' one Chromium (test/browser/support/chromium-server.mjs), if a suite started it. */
async function stopSharedChromium(pidFile) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive() && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
}
