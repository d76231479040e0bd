import type { TrackView } from '@firsthand/http-contracts';
import type { MessageKey } from '../shared/i18n/messages-en.js';

export interface PromiseLine {
  key: MessageKey;
  /** A time the line names, as an ISO string, or the owner's name. */
  time?: string;
  name?: string;
}

/**
 * What the promise card says, at `now`: who has the issue and when the customer hears next. A time
 * that has passed is not written as a promise still to keep: the page says it is late, and sorry.
 */
export function promiseLines(view: TrackView, now: number): PromiseLine[] {
  const { ownerName, nextUpdateDueAt, resolutionDueAt } = view.promise;
  const passed = (at: string) => Date.parse(at) <= now;
  if (view.status === 'resolved' || view.status === 'closed') return view.resolvedAt ? [{ key: 'track.promise.resolved', time: view.resolvedAt }] : [];
  const lines: PromiseLine[] = [];
  // While the bot's answer waits for the customer's choice, the ticket is in no agent's queue yet.
  if (view.automaticAnswer?.awaitingChoice) lines.push({ key: 'track.promise.automatic' });
  else lines.push(ownerName ? { key: 'track.promise.owner', name: ownerName } : { key: 'track.promise.noOwner' });
  if (view.status === 'pending_customer') lines.push({ key: 'track.promise.waiting' });
  else if (nextUpdateDueAt) {
    const first = view.status === 'new';
    const key = passed(nextUpdateDueAt) ? (first ? 'track.promise.firstReplyLate' : 'track.promise.nextUpdateLate') : first ? 'track.promise.firstReply' : 'track.promise.nextUpdate';
    lines.push({ key, time: nextUpdateDueAt });
  }
  // While the issue waits for the customer its clock stands still: a time passed then is not ours to apologise for.
  const late = resolutionDueAt !== null && passed(resolutionDueAt) && view.status !== 'pending_customer';
  if (resolutionDueAt) lines.push({ key: late ? 'track.promise.resolutionLate' : 'track.promise.resolution', time: resolutionDueAt });
  return lines;
}
