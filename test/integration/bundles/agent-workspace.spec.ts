// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../canned-replies.suite.js';
import '../macros.suite.js';
import '../ticket-tags.suite.js';
import '../workspace-defects.suite.js';
