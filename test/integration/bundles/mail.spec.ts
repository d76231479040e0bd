// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../mail-intake.suite.js';
import '../mail-take-in.suite.js';
import '../mail-transports.suite.js';
import '../dev-outbox.suite.js';
import '../notification-channels.suite.js';
import '../oauth2-refresh-tokens.suite.js';
