import type { ImapFlow } from 'imapflow';

/**
 * The keyword a poller sets on a mail while it hands it to the sink. Two pollers on one mailbox
 * (two worker processes) both see every new mail; only the one whose claim lands takes it.
 */
export const CLAIM_KEYWORD = '$FirsthandTaking';

/**
 * The keyword a poller sets and clears in turn on the mails it holds while it works on them. Each
 * change moves the mails' modseq, which is how the other pollers tell a slow holder from a dead one:
 * a claim expires only after its mail went `claimExpirySeconds` without any change.
 */
export const ALIVE_KEYWORD = '$FirsthandAlive';

interface ImapAttribute {
  type?: string;
  value?: unknown;
  section?: ImapAttribute[];
}
interface ExecResult {
  response: { attributes?: ImapAttribute[] };
  next(): void;
}
interface UntaggedResponse {
  command: string;
  attributes?: (ImapAttribute | ImapAttribute[])[];
}
/** imapflow's raw command call (present in the pinned 2.10.2): its STORE hides the MODIFIED answer that tells whose claim landed. */
interface RawImap {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (r: UntaggedResponse) => Promise<void>> }): Promise<ExecResult>;
  preCheck?: false | (() => Promise<void>);
}

/** Whether this connection can make conditional claims (CONDSTORE with modseqs on the open mailbox). */
export function canClaimConditionally(client: ImapFlow): boolean {
  const mailbox = client.mailbox;
  return client.enabled.has('CONDSTORE') && !!mailbox && !(mailbox as { noModseq?: boolean }).noModseq;
}

/**
 * Sets the claim keyword on `uids` unless they changed after `unchangedSince` (RFC 7162), and
 * answers the UIDs whose claim landed: those the server reports updated with the keyword and not
 * MODIFIED (changed by someone else since our snapshot, e.g. claimed or moved by the other poller;
 * Dovecot also sends those their current flags, the other poller's keyword included, so MODIFIED decides).
 * Without CONDSTORE the claim is unconditional; then only the sink's idempotency stops a double.
 */
export async function claim(client: ImapFlow, uids: number[], unchangedSince: bigint | null): Promise<number[]> {
  if (uids.length === 0) return [];
  const raw = client as unknown as RawImap;
  // exec() skips imapflow's IDLE handling, so an IDLE in progress is ended first.
  if (typeof raw.preCheck === 'function') await raw.preCheck();
  const wanted = new Set(uids);
  const updated = new Set<number>();
  const attributes: unknown[] = [{ type: 'SEQUENCE', value: uids.join(',') }];
  if (unchangedSince !== null) {
    attributes.push([{ type: 'ATOM', value: 'UNCHANGEDSINCE' }, { type: 'ATOM', value: unchangedSince.toString() }]);
  }
  attributes.push({ type: 'ATOM', value: '+FLAGS' }, [{ type: 'ATOM', value: CLAIM_KEYWORD }]);
  const result = await raw.exec('UID STORE', attributes, {
    untagged: {
      FETCH: async (untagged) => {
        const fetched = readFetch(untagged);
        if (fetched.uid !== null && wanted.has(fetched.uid) && fetched.flags.includes(CLAIM_KEYWORD)) updated.add(fetched.uid);
      },
    },
  });
  result.next();
  const modified = new Set(modifiedUids(result.response));
  return uids.filter((uid) => updated.has(uid) && !modified.has(uid));
}

/** Sets (`on`) or clears the alive keyword on held mails: a heartbeat other pollers see as a new modseq. */
export async function touch(client: ImapFlow, uids: number[], on: boolean): Promise<void> {
  await storeSilently(client, uids, on ? '+FLAGS.SILENT' : '-FLAGS.SILENT', ALIVE_KEYWORD, null);
}

/** Removes the claim keyword (a mail to retry later, or one that is about to move). */
export async function release(client: ImapFlow, uids: number[], unchangedSince: bigint | null = null): Promise<number[]> {
  return storeSilently(client, uids, '-FLAGS.SILENT', CLAIM_KEYWORD, unchangedSince);
}

/** A silent UID STORE of one keyword, conditional when `unchangedSince` is given; answers the UIDs it changed (not MODIFIED). */
async function storeSilently(client: ImapFlow, uids: number[], change: '+FLAGS.SILENT' | '-FLAGS.SILENT', keyword: string, unchangedSince: bigint | null): Promise<number[]> {
  if (uids.length === 0) return [];
  const raw = client as unknown as RawImap;
  if (typeof raw.preCheck === 'function') await raw.preCheck();
  const attributes: unknown[] = [{ type: 'SEQUENCE', value: uids.join(',') }];
  if (unchangedSince !== null) {
    attributes.push([{ type: 'ATOM', value: 'UNCHANGEDSINCE' }, { type: 'ATOM', value: unchangedSince.toString() }]);
  }
  attributes.push({ type: 'ATOM', value: change }, [{ type: 'ATOM', value: keyword }]);
  const result = await raw.exec('UID STORE', attributes, { untagged: { FETCH: async () => {} } });
  result.next();
  const modified = new Set(modifiedUids(result.response));
  return uids.filter((uid) => !modified.has(uid));
}

function readFetch(untagged: UntaggedResponse): { uid: number | null; flags: string[] } {
  const items = untagged.attributes?.[1];
  let uid: number | null = null;
  let flags: string[] = [];
  if (!Array.isArray(items)) return { uid, flags };
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = String((items[i] as ImapAttribute).value ?? '').toUpperCase();
    const value = items[i + 1] as ImapAttribute | ImapAttribute[];
    if (key === 'UID' && !Array.isArray(value)) uid = Number(value.value);
    if (key === 'FLAGS' && Array.isArray(value)) flags = value.map((f) => String(f.value));
  }
  return { uid, flags };
}

/** The UIDs in a tagged `OK [MODIFIED 7,9:11]` answer. */
export function modifiedUids(response: { attributes?: ImapAttribute[] }): number[] {
  const section = response.attributes?.[0]?.section;
  if (!section || String(section[0]?.value ?? '').toUpperCase() !== 'MODIFIED') return [];
  return expandUidSet(String(section[1]?.value ?? ''));
}

export function expandUidSet(set: string): number[] {
  const uids: number[] = [];
  for (const part of set.split(',')) {
    const match = /^(\d+)(?::(\d+))?$/.exec(part.trim());
    if (!match) continue;
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    for (let uid = Math.min(from, to); uid <= Math.max(from, to); uid++) uids.push(uid);
  }
  return uids;
}

/**
 * The mailbox as a FETCH of every mail answered it: one row per UID, the last one the server sent.
 * Untagged FETCH responses that arrive during the command all count as its answer, and among them
 * can be unsolicited ones (another session changed a mail's flags: another poller claiming it)
 * without a UID, or a second row for a mail already listed.
 */
export function mailboxRows<Row extends { uid?: number }>(rows: readonly Row[]): Array<Row & { uid: number }> {
  const byUid = new Map<number, Row & { uid: number }>();
  for (const row of rows) if (Number.isSafeInteger(row.uid) && row.uid! > 0) byUid.set(row.uid!, row as Row & { uid: number });
  return [...byUid.values()];
}

/** UIDs as an IMAP sequence set with runs folded (1:40,42,50:90): a backlog of thousands stays a short command. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j++;
    parts.push(sorted[i] === sorted[j] ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
