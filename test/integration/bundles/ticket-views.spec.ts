// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../ticket-view-shape.suite.js';
import '../demo-views.suite.js';
import '../saved-views.suite.js';
import '../bulk-actions.suite.js';
import '../held-ticket-views.suite.js';
