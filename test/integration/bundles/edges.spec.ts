// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../bad-input.suite.js';
import '../hostile-input.suite.js';
import '../http-contracts.suite.js';
import '../openapi-lint.suite.js';
