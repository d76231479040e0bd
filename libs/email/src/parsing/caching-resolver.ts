import { promises as dns } from 'node:dns';
import type { DnsResolver } from './authenticate-mail.js';

export interface DnsCacheOptions {
  /** How long an answer is reused. DKIM keys and SPF/DMARC policies change rarely. */
  answerTtlMs?: number;
  /** How long "no such record" is reused (most senders have no DMARC or no DKIM key for a selector). */
  missingTtlMs?: number;
  maxEntries?: number;
}

const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * The sender checks ask the same few questions for every mail from a domain (its DKIM key, its
 * SPF and DMARC records), and the mail poller takes one mail at a time: unanswered from a cache,
 * one slow lookup stalls the whole mailbox. Answers and "no such record" are kept for a while;
 * other failures (timeouts, refused) are not, so an outage is asked about again on the next mail.
 * Concurrent askers of one question share one lookup.
 */
export function cachingResolver(resolve: DnsResolver = (name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>, options: DnsCacheOptions = {}, now: () => number = Date.now): DnsResolver {
  const answerTtl = options.answerTtlMs ?? 5 * 60_000;
  const missingTtl = options.missingTtlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { until: number; answer: Promise<string[][] | string[]> }>();
  return (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.answer;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    const answer = resolve(name, rrtype);
    const entry = { until: Number.POSITIVE_INFINITY, answer };
    cache.set(key, entry);
    answer.then(
      () => (entry.until = now() + answerTtl),
      (error: { code?: string }) => {
        if (error?.code && MISSING.has(error.code)) entry.until = now() + missingTtl;
        else if (cache.get(key) === entry) cache.delete(key);
      },
    );
    return answer;
  };
}
