import 'reflect-metadata';
import { loadConfigOrExit } from '@firsthand/config';
import { rebuildSearchIndex } from '@firsthand/persistence';

/** The entry `npm run search:rebuild` (scripts/search-rebuild.mjs) runs. SEARCH_REBUILD_BATCH: tickets per transaction (default 500). */
const config = loadConfigOrExit();
const raw = process.env.SEARCH_REBUILD_BATCH;
const batch = raw === undefined || raw === '' ? 500 : Number(raw);
if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
  console.error(`SEARCH_REBUILD_BATCH=${raw} must be a whole number from 1 to 10000.`);
  process.exit(78);
}
const started = Date.now();
try {
  const summary = await rebuildSearchIndex(config.databaseUrl, batch, (done) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done} ticket(s) indexed`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Rebuilt the search index in ${Date.now() - started} ms: ${summary.tickets} ticket(s) in ${summary.batches} batch(es) of up to ${batch}. Knowledge-base articles: ${summary.articles}.`);
} catch (error) {
  console.error(`Search rebuild failed: ${(error as Error).message} (batches already committed stay rebuilt; run it again).`);
  process.exitCode = 1;
}
