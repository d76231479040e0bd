// Several suites in one Jest file share one module registry (docs/testing.md, "How long it takes");
// each still starts its own API on its own database.
import '../knowledge-base.suite.js';
import '../standard-question-bot.suite.js';
import '../ticket-assist.suite.js';
import '../language-model.suite.js';
