// Types of search-corpus-loader.mjs for the TypeScript test that uses it.
import type { SearchCorpus } from '../search-corpus.generator.mjs';

interface CopyClient {
  query(text: string): Promise<unknown>;
}

export function loadSearchCorpus(
  client: CopyClient,
  corpus: SearchCorpus,
  options?: { batchSize?: number; onProgress?: (counts: { tickets: number; messages: number }, ms: number) => void },
): Promise<{ customers: number; tickets: number; events: number; messages: number; seconds: number }>;
