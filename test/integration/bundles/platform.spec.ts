// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../platform.suite.js';
import '../operations.suite.js';
import '../database-unavailable.suite.js';
import '../rate-limits.suite.js';
import '../worker-roster.suite.js';
import '../send-leases.suite.js';
