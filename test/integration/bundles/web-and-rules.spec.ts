// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../web-app.suite.js';
import '../headers-and-secrets-at-rest.suite.js';
import '../calendars.suite.js';
import '../people-rules.suite.js';
import '../ticket-opening.suite.js';
