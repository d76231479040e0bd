// A year of a helpdesk's resolved tickets, each with the whole timeline the API and the worker
// would have written for it, for the metrics benchmark. Deterministic for a seed.
//
// Shapes follow libs/domain/src/ticket-events.ts (event types, payloads, visibility, actors) and
// what TicketStore writes to `tickets`. The mix: one-reply resolutions, several replies with the
// customer writing in between (sometimes after a pending_customer), claims that never reply,
// assignments by a supervisor before anyone answered, handoffs (some declined), reassignments,
// escalation requests, internal notes, reopens inside the window, repeat contacts (a later ticket
// of the same customer, linked, with a repeat_contact event on the earlier one), ratings, and the
// SLA timers' warnings and escalations wherever an answer or a resolution came late against the
// ticket's policy (priority x tier; complaints at most 24 h). Resolved tickets whose reopen window
// has passed are closed by the system, as the worker does.
//
// Only what the metrics read is generated in full: `messages` rows (the message bodies shown in
// the timeline) are not written; the event payloads carry the bodies as the API's do.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: small, fast and seedable. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const chance = (p) => next() < p;
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  /** From [[value, weight], ...]. */
  const weighted = (entries) => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  /** Log-normal around a median (ms), spread `sigma`; heavy right tail like real answer times. */
  const logNormal = (median, sigma) => {
    const u = Math.max(1e-12, next());
    const v = next();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };
  const hex = (n) => {
    let s = '';
    while (s.length < n) s += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const uuid = () => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  /**
   * Ids that grow with time (the layout of UUID version 7). The API uses random (version 4) ids;
   * the benchmark uses these only so that loading a million tickets appends to the indexes instead
   * of writing all over them. The metrics never read tickets in id order.
   */
  const timeOrderedUuid = (ms) => {
    const t = Math.floor(ms).toString(16).padStart(12, '0');
    const h = hex(20);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${h.slice(0, 3)}-${((parseInt(h[3], 16) & 3) | 8).toString(16)}${h.slice(4, 7)}-${h.slice(8, 20)}`;
  };
  return { next, chance, int, pick, weighted, logNormal, hex, uuid, timeOrderedUuid };
}

export const CHANNEL_MIX = [['web', 35], ['email', 25], ['chat', 20], ['phone', 12], ['social', 5], ['in_store', 3]];
export const TIER_MIX = [['standard', 70], ['member', 22], ['vip', 8]];
const KIND_MIX = [['question', 40], ['problem', 35], ['request', 15], ['complaint', 10]];
const PRIORITY_MIX = [['low', 15], ['normal', 60], ['high', 20], ['urgent', 5]];
const RATING_MIX = [[5, 50], [4, 25], [3, 12], [2, 7], [1, 6]];
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SPACE = 32 ** 6;

/** 'FH-' + 6 characters; a bijection of the ticket's index (odd multiplier modulo 32^6), so codes are unique but look random. */
function ticketCode(index) {
  let n = Number((BigInt(index) * 1_000_003n + 7_777n) % BigInt(CODE_SPACE));
  let code = '';
  for (let i = 0; i < 6; i++) {
    code = CODE_ALPHABET[n % 32] + code;
    n = Math.floor(n / 32);
  }
  return `FH-${code}`;
}

/** Teams, agents (a senior or two per team) and supervisors, with ids from the seed. */
export function helpdeskStaff(random, { teams, agentsPerTeam }) {
  const teamList = Array.from({ length: teams }, (_, i) => ({ id: random.uuid(), name: `Team ${String(i + 1).padStart(2, '0')}` }));
  const agents = [];
  for (const team of teamList) {
    for (let i = 0; i < agentsPerTeam; i++) {
      const n = agents.length + 1;
      agents.push({ id: random.uuid(), name: `Agent ${String(n).padStart(3, '0')}`, email: `agent${n}@bench.firsthand.test`, role: i < 2 ? 'senior' : 'agent', teamId: team.id });
    }
  }
  const supervisors = teamList.map((team, i) => ({ id: random.uuid(), name: `Supervisor ${String(i + 1).padStart(2, '0')}`, email: `supervisor${i + 1}@bench.firsthand.test`, role: 'supervisor', teamId: team.id }));
  return { teams: teamList, agents, supervisors, byTeam: new Map(teamList.map((t) => [t.id, agents.filter((a) => a.teamId === t.id)])) };
}

export function customersOf(random, count) {
  return Array.from({ length: count }, (_, i) => ({
    id: random.uuid(),
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@bench.example.com`,
    tier: random.weighted(TIER_MIX),
    locale: random.chance(0.6) ? 'zh-CN' : 'en',
  }));
}

const agentActor = (a) => ({ type: 'agent', id: a.id, name: a.name });
const SYSTEM = { type: 'system' };
const BODIES = [
  'Thanks for writing in. I have refunded the second charge; it shows on your statement within 3 working days.',
  'Could you send a photo of the label on the back of the device?',
  'I have reset the password link; please try again now.',
  'Your replacement ships today, tracking number to follow by SMS.',
  'We found the problem on our side and fixed it. Sorry for the trouble.',
];
const CUSTOMER_BODIES = ['Here is the photo you asked for.', 'It still does not work.', 'Thanks, that fixed it!', 'When will it arrive?'];

/**
 * Generates `count` tickets created evenly over [from, to) (every one resolved before `to`),
 * yielding them in batches once their timelines are complete: a ticket that will come back as a
 * repeat contact is held until the later ticket that adds the repeat_contact event to it exists.
 */
export class TicketHistoryGenerator {
  constructor({ seed, staff, customers, slaPolicies, from, to, count, windows }) {
    this.random = seededRandom(seed);
    this.staff = staff;
    this.customers = customers;
    this.sla = slaPolicies; // Map 'priority|tier' -> { first, cadence, resolution } minutes
    this.from = from.getTime();
    this.to = to.getTime();
    this.count = count;
    this.windows = windows;
    this.repeatRequests = []; // { at, origin } in time order; each origin is held until its request is taken
    this.ready = [];
  }

  *batches(size) {
    const span = this.to - this.from - 6 * HOUR;
    let batch = [];
    for (let i = 0; i < this.count; i++) {
      const createdAt = this.from + ((i + this.random.next()) * span) / this.count;
      const t = this.ticket(i, createdAt);
      if (!t.comesBack) this.ready.push(t);
      for (const done of this.ready.splice(0)) {
        batch.push(this.finish(done));
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
    for (const { origin } of this.repeatRequests.splice(0)) batch.push(this.finish(origin));
    if (batch.length > 0) yield batch;
  }

  ticket(index, createdAtMs) {
    const r = this.random;
    const repeat = this.repeatRequests.length > 0 && this.repeatRequests[0].at <= createdAtMs ? this.repeatRequests.shift().origin : null;
    if (repeat) this.ready.push(repeat);
    const customer = repeat ? repeat.customer : r.pick(this.customers);
    const team = repeat ? this.staff.teams.find((t) => t.id === repeat.teamId) : r.pick(this.staff.teams);
    const teamAgents = this.staff.byTeam.get(team.id);
    const kind = repeat ? repeat.kind : r.weighted(KIND_MIX);
    const priority = r.weighted(PRIORITY_MIX);
    const channel = repeat && r.chance(0.5) ? repeat.channel : r.weighted(CHANNEL_MIX);
    const policy = this.sla.get(`${priority}|${customer.tier}`);
    const resolutionMinutes = kind === 'complaint' ? Math.min(policy.resolution, 24 * 60) : policy.resolution;
    const t = {
      id: r.timeOrderedUuid(createdAtMs),
      code: ticketCode(index),
      trackingTokenHash: r.hex(64),
      subject: `${kind === 'complaint' ? 'Complaint' : 'Question'} about order ${100000 + index}`,
      description: 'I was charged twice for the same order and the app shows no refund.',
      channel,
      kind,
      priority,
      tier: customer.tier,
      teamId: team.id,
      customer,
      customerId: customer.id,
      repeatOfTicketId: repeat?.id ?? null,
      offeredToId: repeat?.ownerId ?? null,
      createdAtMs,
      firstResponseDueAt: createdAtMs + policy.first * MINUTE,
      resolutionDueAt: createdAtMs + resolutionMinutes * MINUTE,
      events: [],
    };
    if (repeat) repeat.events.push({ type: 'repeat_contact', visibility: 'internal', actor: this.customerActor(repeat), payload: { ticketId: t.id, code: t.code }, at: createdAtMs });
    this.live(t, teamAgents, policy.first * MINUTE, resolutionMinutes * MINUTE, repeat);
    return t;
  }

  customerActor(t) {
    return { type: 'customer', id: t.customer.id, name: t.customer.name };
  }

  /** The ticket's life from creation to its last resolution (and the rating and repeat contact after it). */
  live(t, teamAgents, firstTargetMs, resolutionTargetMs, repeatOf) {
    const r = this.random;
    const push = (at, type, visibility, actor, payload) => t.events.push({ type, visibility, actor, payload, at });
    const customer = this.customerActor(t);
    let now = t.createdAtMs;
    // Everything happens before `to`: the last tickets of the year get quicker lives, and no reopen or repeat contact after it.
    const room = this.to - HOUR - now;
    push(now, 'created', 'public', customer, {
      code: t.code, subject: t.subject, channel: t.channel, kind: t.kind, priority: t.priority, tier: t.tier, repeatOfTicketId: t.repeatOfTicketId,
    });
    if (r.chance(0.08)) push(now + r.int(1, 20) * MINUTE, 'customer_replied', 'public', customer, { messageId: r.uuid(), body: r.pick(CUSTOMER_BODIES) });

    const earlierOwner = repeatOf ? this.staff.agents.find((a) => a.id === repeatOf.ownerId) : null;
    let owner = earlierOwner && r.chance(0.7) ? earlierOwner : r.pick(teamAgents);
    const firstResponder = owner;
    const answerAfter = Math.min(r.logNormal(firstTargetMs * 0.22, 1.1), 20 * DAY, room * 0.2);
    const answeredAt = now + Math.max(30_000, answerAfter);
    let status = 'open';
    const reply = (at, by) => push(at, 'agent_replied', 'public', agentActor(by), { messageId: r.uuid(), body: r.pick(BODIES) });

    const how = r.weighted([['reply', 57], ['claim', 37], ['assigned', 3], ['claim-only', 3]]);
    if (how === 'assigned') {
      const supervisor = this.staff.supervisors.find((s) => s.teamId === t.teamId);
      push(now + Math.min(answerAfter / 2, 30 * MINUTE), 'reassigned', 'public', agentActor(supervisor), { fromAgentId: null, toAgentId: owner.id, toAgentName: owner.name, reason: 'Routing to the right desk' });
      reply(answeredAt, owner);
    } else if (how === 'reply') {
      push(answeredAt, 'claimed', 'public', agentActor(owner), { ownerId: owner.id, ownerName: owner.name, via: 'reply' });
      reply(answeredAt, owner);
    } else {
      push(answeredAt, 'claimed', 'public', agentActor(owner), { ownerId: owner.id, ownerName: owner.name, via: 'claim' });
      if (how === 'claim') reply(answeredAt + r.int(1, 15) * MINUTE, owner);
    }
    now = answeredAt + MINUTE * (how === 'claim' ? 16 : 1);
    t.firstResponderId = firstResponder.id;
    t.firstResponseAt = answeredAt;

    const replies = how === 'claim-only' ? 0 : r.weighted([[1, 58], [2, 25], [3, 10], [4, 5], [5, 2]]);
    const resolveAfter = Math.min(r.logNormal(resolutionTargetMs * 0.18, 1.0), 30 * DAY, room * 0.5);
    const gap = () => Math.max(MINUTE, resolveAfter / (replies + 1)) * (0.5 + r.next());
    for (let i = 1; i < replies; i++) {
      now += gap();
      if (r.chance(0.6)) {
        if (r.chance(0.5)) {
          push(now, 'status_changed', 'public', agentActor(owner), { from: 'open', to: 'pending_customer' });
          now += gap() / 2;
          push(now, 'customer_replied', 'public', customer, { messageId: r.uuid(), body: r.pick(CUSTOMER_BODIES) });
          push(now, 'status_changed', 'public', customer, { from: 'pending_customer', to: 'open' });
        } else {
          push(now, 'customer_replied', 'public', customer, { messageId: r.uuid(), body: r.pick(CUSTOMER_BODIES) });
        }
        now += gap() / 2;
      }
      reply(now, owner);
    }
    if (r.chance(0.12)) {
      now += gap() / 3;
      push(now, 'internal_note_added', 'internal', agentActor(r.pick(teamAgents)), { messageId: r.uuid(), body: 'Checked the ledger: the second charge is a duplicate.' });
    }
    const moveRoll = r.next();
    if (moveRoll < 0.06 || moveRoll >= 0.985) {
      const to = moveRoll < 0.048 ? r.pick(teamAgents.filter((a) => a.id !== owner.id)) : r.pick(this.staff.agents.filter((a) => a.id !== owner.id));
      now += gap() / 2;
      push(now, 'handoff_proposed', 'internal', agentActor(owner), { fromAgentId: owner.id, toAgentId: to.id, toAgentName: to.name, note: 'Refunds are your area.' });
      now += r.int(2, 90) * MINUTE;
      if (moveRoll < 0.06) {
        push(now, 'handoff_accepted', 'public', agentActor(to), { fromAgentId: owner.id, toAgentId: to.id, toAgentName: to.name });
        owner = to;
        reply(now + r.int(1, 30) * MINUTE, owner);
        now += 31 * MINUTE;
      } else {
        push(now, 'handoff_declined', 'internal', agentActor(to), { fromAgentId: owner.id, toAgentId: to.id, withdrawn: false });
      }
    } else if (moveRoll < 0.085) {
      const to = r.pick(teamAgents.filter((a) => a.id !== owner.id));
      const supervisor = this.staff.supervisors.find((s) => s.teamId === t.teamId);
      now += gap() / 2;
      push(now, 'reassigned', 'public', agentActor(supervisor), { fromAgentId: owner.id, toAgentId: to.id, toAgentName: to.name, reason: 'Owner on leave' });
      owner = to;
      reply(now + r.int(5, 120) * MINUTE, owner);
      now += 121 * MINUTE;
    } else if (moveRoll < 0.11) {
      now += gap() / 2;
      push(now, 'escalation_requested', 'internal', agentActor(owner), { fromLevel: 0, toLevel: 2, reason: 'Needs a refund approval', watcherIds: [] });
    }
    if (replies > 0 && r.chance(0.07)) {
      now += gap() / 3;
      push(now, 'customer_replied', 'public', customer, { messageId: r.uuid(), body: 'Thanks, that fixed it!' });
    }
    now = Math.max(now + MINUTE, t.createdAtMs + resolveAfter);
    const resolve = (at) => push(at, 'status_changed', 'public', agentActor(owner), { from: 'open', to: 'resolved', resolution: 'Fixed' });
    resolve(now);
    const firstResolvedAt = now;

    // The SLA timers, wherever the answer or the resolution came late.
    const timer = (target, dueAt, targetMs, doneAt) => {
      if (doneAt > dueAt - 0.2 * targetMs) push(dueAt - 0.2 * targetMs, 'sla_warning', 'internal', SYSTEM, { target, dueAt: new Date(dueAt).toISOString(), fromLevel: 0, toLevel: 1, notifiedIds: [] });
      for (const [stage, at] of [['breach', dueAt], ['critical', dueAt + 0.5 * targetMs]]) {
        if (doneAt > at) {
          push(at, 'sla_escalated', 'internal', SYSTEM, { target, stage, dueAt: new Date(dueAt).toISOString(), fromLevel: 0, toLevel: 0, watcherIds: [], notifiedIds: [], priority: null });
        }
      }
    };
    timer('first_response', t.firstResponseDueAt, firstTargetMs, answeredAt);
    timer('resolution', t.resolutionDueAt, resolutionTargetMs, firstResolvedAt);

    let reopens = 0;
    if (r.chance(0.05) && now + this.windows.reopenDays * DAY + 11 * HOUR < this.to) {
      now += r.int(10, Math.floor(this.windows.reopenDays * 24 * 60 * 0.9)) * MINUTE;
      reopens = 1;
      push(now, 'reopened', 'public', customer, { from: 'resolved', reopenCount: 1 });
      if (r.chance(0.6)) push(now, 'customer_replied', 'public', customer, { messageId: r.uuid(), body: 'It still does not work.' });
      now += r.int(5, 240) * MINUTE;
      reply(now, owner);
      now += r.int(5, 600) * MINUTE;
      resolve(now);
    }
    t.resolvedAtMs = now;
    t.ownerId = owner.id;
    t.reopenCount = reopens;
    const ratedAt = now + r.int(1, 48 * 60) * MINUTE;
    if (r.chance(0.35) && ratedAt < this.to) {
      const rating = r.weighted(RATING_MIX);
      push(ratedAt, 'rated', 'public', customer, { rating, comment: rating <= 2 ? 'Took too long.' : null });
      t.csatRating = rating;
    }
    if (r.chance(0.04)) {
      const at = now + r.int(1, Math.floor(this.windows.repeatContactDays * 24 * 60 * 0.95)) * MINUTE;
      if (at >= this.to - HOUR) return;
      const request = { at, origin: t };
      t.comesBack = true;
      const i = this.repeatRequests.findIndex((x) => x.at > at);
      if (i === -1) this.repeatRequests.push(request);
      else this.repeatRequests.splice(i, 0, request);
    }
  }

  /** Puts the timeline in time order with seqs 1..n, settles escalation levels, closes it if its window has passed, fills the ticket row. */
  finish(t) {
    const closeAt = t.resolvedAtMs + this.windows.reopenDays * DAY + this.random.int(1, 60) * 1000;
    if (closeAt < this.to) t.events.push({ type: 'status_changed', visibility: 'public', actor: SYSTEM, payload: { from: 'resolved', to: 'closed' }, at: closeAt });
    const ordered = t.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
    let level = 0;
    let transfers = 0;
    let lastPublicAt = t.createdAtMs;
    const events = [];
    for (const e of ordered) {
      if (e.type === 'sla_warning') {
        if (level >= 1) continue;
        e.payload.fromLevel = level;
        e.payload.toLevel = level = 1;
      } else if (e.type === 'sla_escalated') {
        const to = e.payload.stage === 'critical' ? 3 : 2;
        if (level >= to) continue;
        e.payload.fromLevel = level;
        e.payload.toLevel = level = to;
      } else if (e.type === 'escalation_requested') {
        if (level >= 3) continue;
        e.payload.fromLevel = level;
        e.payload.toLevel = level = Math.max(level, 1) + 1;
      }
      if (e.type === 'handoff_accepted' || (e.type === 'reassigned' && e.payload.fromAgentId !== null)) transfers++;
      if (e.visibility === 'public') lastPublicAt = e.at;
      events.push({ ticketId: t.id, seq: events.length + 1, type: e.type, visibility: e.visibility, actor: e.actor, payload: e.payload, createdAt: new Date(e.at) });
    }
    const closed = closeAt < this.to;
    return {
      id: t.id,
      code: t.code,
      trackingTokenHash: t.trackingTokenHash,
      subject: t.subject,
      description: t.description,
      channel: t.channel,
      kind: t.kind,
      priority: t.priority,
      tier: t.tier,
      status: closed ? 'closed' : 'resolved',
      teamId: t.teamId,
      customerId: t.customerId,
      ownerId: t.ownerId,
      firstResponderId: t.firstResponderId,
      repeatOfTicketId: t.repeatOfTicketId,
      offeredToId: t.offeredToId,
      createdAt: new Date(t.createdAtMs),
      firstResponseAt: new Date(t.firstResponseAt),
      lastCustomerVisibleUpdateAt: new Date(lastPublicAt),
      resolvedAt: new Date(t.resolvedAtMs),
      closedAt: closed ? new Date(closeAt) : null,
      firstResponseDueAt: new Date(t.firstResponseDueAt),
      resolutionDueAt: new Date(t.resolutionDueAt),
      escalationLevel: level,
      reopenCount: t.reopenCount,
      transferCount: transfers,
      csatRating: t.csatRating ?? null,
      resolution: 'Fixed',
      lastSeq: events.length,
      updatedAt: events[events.length - 1].createdAt,
      events,
    };
  }
}
