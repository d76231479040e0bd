// `npm test` runs this first: it installs the system tools the suites need (redis-server, chromium
// for the browser suites, dovecot for the mail suites) with apt-get when they are missing and we are
// root, as `npm start` does for redis-server; otherwise it stops with a message that says what to install.
import { ensureChromium, ensureDovecot, ensureRedisServer } from './lib/services.mjs';

try {
  ensureRedisServer();
  ensureChromium();
  ensureDovecot();
} catch (error) {
  console.error(`npm test: ${error.message}`);
  process.exit(1);
}
