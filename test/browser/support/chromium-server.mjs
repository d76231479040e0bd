// One headless Chromium for a whole Jest run, which the browser suites connect to (shared-chromium.ts).
// Usage: node chromium-server.mjs <dir> <jest-pid> <chromium-binary>. Writes <dir>/endpoint once listening; closes
// Chromium on SIGTERM (the run's global teardown) or as soon as the Jest process is gone.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [dir, jestPid, executablePath] = process.argv.slice(2);
const server = await chromium.launchServer({
  executablePath,
  headless: true,
  // Without the background-networking flags Debian's Chromium keeps trying to reach Google's hosts.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
writeFileSync(join(dir, 'endpoint.part'), server.wsEndpoint());
renameSync(join(dir, 'endpoint.part'), join(dir, 'endpoint'));

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await server.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', close);
process.on('SIGINT', close);
const watch = setInterval(() => {
  try {
    process.kill(Number(jestPid), 0);
  } catch {
    clearInterval(watch);
    void close();
  }
}, 1000);
