// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../auth-and-agents.suite.js';
import '../sessions-and-two-factor.suite.js';
import '../oidc-sign-in.suite.js';
import '../principal-cache.suite.js';
import '../notification-language.suite.js';
