// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../customers.suite.js';
import '../customer-changes.suite.js';
import '../customer-mail-after-merge.suite.js';
import '../customer-exports.suite.js';
import '../audit-log.suite.js';
