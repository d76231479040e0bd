// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../ownership.suite.js';
import '../concurrency.suite.js';
import '../lock-order.suite.js';
import '../ticket-writer.suite.js';
import '../job-outbox.suite.js';
