// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../search.suite.js';
import '../search-relevance.suite.js';
import '../search-recent-periods.suite.js';
import '../search-words.suite.js';
import '../attachments.suite.js';
import '../attachment-store.suite.js';
