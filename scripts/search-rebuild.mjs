#!/usr/bin/env node
// `npm run search:rebuild`: rewrites every ticket's search document (ticket_search) from its ticket,
// customer and messages, in batches of SEARCH_REBUILD_BATCH (default 500) tickets, with the built
// command (dist/apps/api/apps/api/src/search/rebuild-search.js), in the environment the API gets:
// DATABASE_URL, REDIS_URL, FIRSTHAND_SECRET. Run it after upgrading to the search migration, or
// whenever the segmentation changes; the API keeps serving meanwhile (docs/search.md).
// Which database and secret: scripts/lib/api-command.mjs.
import { runApiCommand } from './lib/api-command.mjs';

await runApiCommand('search:rebuild', 'search/rebuild-search.js');
