// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../metrics-api.suite.js';
import '../metrics-rebuild.suite.js';
import '../metrics-rules.suite.js';
import '../sla-pause.suite.js';
