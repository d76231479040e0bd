/**
 * What ties one mail of a mailbox to another, read from its headers before it is taken: the
 * sender, its own Message-ID, and the Message-IDs it answers (In-Reply-To, References). Two mails
 * that share any of these are taken in mailbox order; others may be taken side by side.
 */
export interface MailOrderKeys {
  /** The mail's own Message-ID, normalised; null when it has none. */
  messageId: string | null;
  /** The Message-IDs it answers, normalised. */
  answers: string[];
  /** Everything that orders it against another mail of the same pass. */
  keys: string[];
}

export interface MailHeadersForOrder {
  fromAddress: string | null | undefined;
  messageId: string | null | undefined;
  inReplyTo: string | null | undefined;
  /** The raw References header lines, if fetched. */
  references: string | null | undefined;
}

const ID = /<[^<>\s]+>/g;
/** Enough to tie a long conversation together without letting one header make thousands of keys. */
const MAX_ANSWERS = 50;

export function mailOrderKeys(headers: MailHeadersForOrder): MailOrderKeys {
  const messageId = idsIn(headers.messageId)[0] ?? null;
  const answers = [...new Set([...idsIn(headers.inReplyTo), ...idsIn(headers.references).reverse()])]
    .filter((id) => id !== messageId)
    .slice(0, MAX_ANSWERS);
  const keys = answers.map((id) => `id:${id}`);
  if (messageId) keys.push(`id:${messageId}`);
  const from = headers.fromAddress?.trim().toLowerCase();
  // One sender's mails keep their order: a second note right after the first must not overtake it.
  if (from) keys.push(`from:${from}`);
  return { messageId, answers, keys };
}

function idsIn(text: string | null | undefined): string[] {
  return text ? (text.match(ID) ?? []) : [];
}

/**
 * Runs `work` for each item, at most `limit` at a time, starting them in the given order, where an
 * item never starts before every earlier item that shares one of its keys has finished. `work`
 * must not reject (a failure is the caller's to record); `mayStart` is asked before each start and
 * a false answer leaves the rest unstarted (they are handed to `notStarted`).
 */
export function inKeyOrder<T>(
  items: readonly T[],
  limit: number,
  keysOf: (item: T) => readonly string[],
  work: (item: T) => Promise<void>,
  control: { mayStart?: () => boolean; notStarted?: (item: T) => void } = {},
): Promise<void> {
  if (!(limit >= 1)) throw new Error('inKeyOrder: limit must be at least 1');
  const waiting = items.map((item) => ({ item, keys: keysOf(item), started: false }));
  let running = 0;
  let stopped = false;
  return new Promise((resolve) => {
    const pump = () => {
      if (waiting.length === 0) return resolve();
      const held = new Set<string>();
      for (const entry of [...waiting]) {
        if (running >= limit) break;
        const blocked = entry.keys.some((key) => held.has(key));
        for (const key of entry.keys) held.add(key);
        if (entry.started || blocked) continue;
        if (stopped || (control.mayStart && !control.mayStart())) {
          stopped = true;
          if (running === 0) {
            for (const rest of waiting.splice(0)) control.notStarted?.(rest.item);
            return resolve();
          }
          return;
        }
        entry.started = true;
        running += 1;
        void work(entry.item).finally(() => {
          running -= 1;
          waiting.splice(waiting.indexOf(entry), 1);
          pump();
        });
      }
    };
    pump();
  });
}
