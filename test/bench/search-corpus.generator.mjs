// The search benchmark's corpus: tickets with their messages, half Chinese and half English, written
// from the helpdesk vocabulary in search-corpus.vocabulary.mjs, with the labelled relevance set's
// tickets (search-relevance.set.mjs) planted among them. Deterministic for a seed and a size.
//
// Shapes follow what the API writes (TicketStore.insert/apply, libs/domain/src/ticket-events.ts):
// a ticket row; a public `created` event by the customer at seq 1; unless the ticket is still new, a
// `claimed` event by its owner at seq 2; then one event per message (`customer_replied`,
// `agent_replied`, `internal_note_added`, payload { messageId, body }) with its `messages` row
// (event_seq pointing at it); resolved and closed tickets end with their `status_changed` events.
// A new ticket has customer messages only (nobody owns it yet). Customers are half zh-CN, half en,
// with emails and phone numbers in the formats people type; each writes about four tickets.

import { seededRandom } from './metrics-history.generator.mjs';
import { RELEVANCE_CASES } from './search-relevance.set.mjs';
import {
  APPS, CITIES, COURIERS, FIRST_EN, GENERAL, GIVEN_PINYIN, GIVEN_ZH, LAST_EN, MAIL_DOMAINS, PRODUCTS, SURNAMES_PINYIN, SURNAMES_ZH, TOPICS,
} from './search-corpus.vocabulary.mjs';

/** Bump when the output changes for the same seed and size (the bench's cached database is keyed by it). */
export const SEARCH_CORPUS_VERSION = 1;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SPACE = 32 ** 6;
const CHANNELS = [['web', 40], ['email', 30], ['chat', 20], ['phone', 10]];
const KINDS = [['question', 40], ['problem', 40], ['request', 12], ['complaint', 8]];
const PRIORITIES = [['low', 15], ['normal', 60], ['high', 20], ['urgent', 5]];
const STATUSES = [['new', 6], ['open', 30], ['pending_customer', 10], ['resolved', 20], ['closed', 34]];
const TAGS = ['refund', 'delivery', 'invoice', 'login', 'damaged', 'billing', 'device', 'order'];

/** 'FH-' + 6 characters, a bijection of the index (as the metrics generator's), unique but random-looking. */
export function ticketCode(index) {
  let n = Number((BigInt(index) * 1_000_003n + 12_345n) % BigInt(CODE_SPACE));
  let code = '';
  for (let i = 0; i < 6; i++) {
    code = CODE_ALPHABET[n % 32] + code;
    n = Math.floor(n / 32);
  }
  return `FH-${code}`;
}

const hex = (n, width) => n.toString(16).padStart(width, '0');
/** Deterministic ids: a kind tag and up to two counters, laid out as a version 4 UUID. */
const idOf = (kind, a, b = 0) => `${hex(a, 8)}-${hex(b & 0xffff, 4)}-4${hex(kind, 3)}-8${hex(b >>> 16, 3)}-5eac${hex(kind, 8)}`;
const ID_CUSTOMER = 1;
const ID_MESSAGE = 2;
/** Ticket ids grow with creation time (UUID version 7 layout) so the bulk load appends to the indexes; the index keeps them unique. */
const ticketIdOf = (index, createdAtMs) => {
  const t = hex(Math.floor(createdAtMs), 12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(index >>> 28, 3)}-8${hex((index >>> 16) & 0xfff, 3)}-${hex(index & 0xffff, 4)}5eac0000`;
};

function customerOf(random, index) {
  const zh = index % 2 === 0;
  const s = random.int(0, SURNAMES_ZH.length - 1);
  const g = random.int(0, GIVEN_ZH.length - 1);
  if (zh) {
    const local = random.chance(0.5) ? `${SURNAMES_PINYIN[s]}${GIVEN_PINYIN[g]}${index}` : `${GIVEN_PINYIN[g]}.${SURNAMES_PINYIN[s]}${index}`;
    const mobile = `1${random.pick(['38', '39', '58', '86', '88', '35', '77'])}${String(10_000_000 + ((index * 7919) % 90_000_000)).slice(0, 8)}`;
    return {
      id: idOf(ID_CUSTOMER, index),
      name: `${SURNAMES_ZH[s]}${GIVEN_ZH[g]}`,
      email: `${local}@${random.pick(MAIL_DOMAINS.zh)}`,
      phone: random.chance(0.7) ? (random.chance(0.5) ? mobile : `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`) : null,
      locale: 'zh-CN',
      tier: random.weighted([['standard', 70], ['member', 22], ['vip', 8]]),
    };
  }
  const first = random.pick(FIRST_EN);
  const last = random.pick(LAST_EN);
  const digits = String(100_000 + ((index * 104_729) % 900_000));
  return {
    id: idOf(ID_CUSTOMER, index),
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${index}@${random.pick(MAIL_DOMAINS.en)}`,
    phone: random.chance(0.6) ? (random.chance(0.5) ? `+44 7${digits.slice(0, 3)} ${digits}` : `+1 (${digits.slice(0, 3)}) 555-${digits.slice(2, 6)}`) : null,
    locale: 'en',
    tier: random.weighted([['standard', 70], ['member', 22], ['vip', 8]]),
  };
}

function fill(template, slots) {
  return template.replace(/\{(\w+)\}/g, (_, key) => slots[key] ?? key);
}

/**
 * The corpus for `tickets` tickets and exactly `messages` messages (at least one per ticket).
 * `teams`: [{ id, agents: [{ id, name }] }]; the planted tickets go to the first team.
 * `nowMs`: tickets are created over the 365 days before it.
 */
export class SearchCorpus {
  constructor({ seed, tickets, messages, teams, nowMs }) {
    if (messages < tickets) throw new Error('the corpus needs at least one message per ticket');
    if (tickets < RELEVANCE_CASES.length * 20) throw new Error(`the corpus needs at least ${RELEVANCE_CASES.length * 20} tickets to plant the relevance set among noise`);
    this.seed = seed;
    this.ticketCount = tickets;
    this.messageCount = messages;
    this.teams = teams;
    this.nowMs = nowMs;
    this.customerCount = Math.max(200, Math.round(tickets / 4)) & ~1;
    this.plantedCustomers = RELEVANCE_CASES.filter((c) => c.customer).length;
    // Case k sits in the middle of the k-th of 50 equal stretches of the corpus.
    this.plantedAt = new Map(RELEVANCE_CASES.map((c, k) => [Math.floor(((k + 0.5) * tickets) / RELEVANCE_CASES.length), k]));
    this.customerList = [...this.customers()].flat();
    this.customerById = new Map(this.customerList.map((c) => [c.id, c]));
  }

  /** Ordinary customers, then the planted cases' customers; in batches. */
  *customers(size = 10_000) {
    const random = seededRandom(this.seed ^ 0x5eac);
    let batch = [];
    for (let i = 0; i < this.customerCount; i++) {
      batch.push(customerOf(random, i));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    let k = 0;
    for (const c of RELEVANCE_CASES) {
      if (!c.customer) continue;
      batch.push({ id: idOf(ID_CUSTOMER, this.customerCount + k++), ...c.customer, locale: c.lang === 'zh' ? 'zh-CN' : 'en', tier: 'standard' });
    }
    if (batch.length > 0) yield batch;
  }

  /** How many messages ticket `index` has: the average, give or take, summing exactly to the total. */
  messagesOf(index, random) {
    const avg = Math.floor(this.messageCount / this.ticketCount);
    const extra = index < this.messageCount - avg * this.ticketCount ? 1 : 0;
    // Pairs of tickets share a swing of ±d, so the sum stays exact.
    const pairSwing = (this.pairSwing ??= new Map());
    let swing = 0;
    if (index % 2 === 0 && index + 1 < this.ticketCount) {
      swing = random.int(-(avg - 1), avg - 1);
      pairSwing.set(index + 1, -swing);
    } else if (pairSwing.has(index)) {
      swing = pairSwing.get(index);
      pairSwing.delete(index);
    }
    return avg + extra + swing;
  }

  /**
   * Yields batches of { tickets, events, messages } in creation order; `relevance` is filled as the
   * planted tickets are made ({ case, ticketId, code, query }).
   */
  *batches(size = 10_000) {
    const random = seededRandom(this.seed);
    const span = 365 * DAY - 6 * DAY; // the last days stay free: a ticket's life takes up to about 5
    const from = this.nowMs - 365 * DAY;
    this.relevance = [];
    let plantedCustomer = 0;
    let batch = { tickets: [], events: [], messages: [] };
    for (let i = 0; i < this.ticketCount; i++) {
      const createdAtMs = from + ((i + random.next()) * span) / this.ticketCount;
      const plantedCase = this.plantedAt.has(i) ? RELEVANCE_CASES[this.plantedAt.get(i)] : null;
      const lang = plantedCase ? plantedCase.lang : i % 2 === 0 ? 'zh' : 'en';
      let customerId;
      if (plantedCase?.customer) customerId = idOf(ID_CUSTOMER, this.customerCount + plantedCustomer++);
      else customerId = idOf(ID_CUSTOMER, 2 * random.int(0, this.customerCount / 2 - 1) + (lang === 'en' ? 1 : 0));
      const ticket = this.ticket(random, i, createdAtMs, lang, customerId, plantedCase, batch);
      if (plantedCase) {
        this.relevance.push({
          case: plantedCase,
          ticketId: ticket.id,
          code: ticket.code,
          query: typeof plantedCase.query === 'function' ? plantedCase.query(ticket) : plantedCase.query,
        });
      }
      if (batch.tickets.length === size) {
        yield batch;
        batch = { tickets: [], events: [], messages: [] };
      }
    }
    if (batch.tickets.length > 0) yield batch;
  }

  ticket(random, index, createdAtMs, lang, customerId, planted, out) {
    const topic = planted ? TOPICS.find((t) => t.name === planted.topic) : random.pick(TOPICS);
    const words = topic[lang];
    const general = GENERAL[lang];
    const team = planted ? this.teams[0] : random.pick(this.teams);
    const owner = random.pick(team.agents);
    let status = random.weighted(STATUSES);
    // A planted detail may be an agent's note (so not a new ticket); a ticket closes 7 days after it is resolved.
    if (planted && status === 'new') status = 'open';
    if (status === 'closed' && createdAtMs > this.nowMs - 14 * DAY) status = 'resolved';
    const order = lang === 'zh' ? `E${20260000 + random.int(0, 9999)}${random.int(100000, 999999)}` : `#${random.int(1_000_000, 9_999_999)}`;
    const slots = {
      product: random.pick(PRODUCTS[lang]),
      order,
      courier: random.pick(COURIERS[lang]),
      city: random.pick(CITIES[lang]),
      app: random.pick(APPS[lang]),
      amount: lang === 'zh' ? `${random.int(19, 9999)}` : `£${random.int(5, 999)}.${random.int(10, 99)}`,
      date: lang === 'zh' ? `${random.int(1, 12)}月${random.int(1, 28)}日` : `${random.int(1, 28)} ${random.pick(['March', 'April', 'May', 'June', 'July', 'August'])}`,
      tracking: `${random.pick(['SF', 'JD', 'YT', 'ZTO'])}${random.int(100_000_000, 999_999_999)}${random.int(100, 999)}`,
    };
    const subject = planted?.where === 'subject' ? planted.text : fill(random.pick(words.subject), slots);
    const description = planted?.where === 'description' ? `${planted.text}${lang === 'zh' ? '' : ' '}${fill(random.pick(words.description), slots)}` : fill(random.pick(words.description), slots);
    const code = ticketCode(index);
    const id = ticketIdOf(index, createdAtMs);
    const channel = random.weighted(CHANNELS);
    const kind = random.weighted(KINDS);
    const priority = random.weighted(PRIORITIES);
    const tier = this.customerById.get(customerId).tier;
    const isNew = status === 'new';
    const count = this.messagesOf(index, random);
    const customerActor = { type: 'customer', id: customerId, name: this.customerById.get(customerId).name };
    const agentActor = { type: 'agent', id: owner.id, name: owner.name };

    let seq = 0;
    let at = createdAtMs;
    const event = (type, visibility, actor, payload) => {
      seq += 1;
      out.events.push({ ticketId: id, seq, type, visibility, actorType: actor.type, actorId: actor.id ?? null, actorName: actor.name ?? null, payload, createdAt: new Date(at) });
      return seq;
    };
    event('created', 'public', customerActor, { code, subject, channel, kind, priority, tier, repeatOfTicketId: null });
    let firstResponseAt = null;
    if (!isNew) {
      at += random.int(2, 240) * MINUTE;
      event('claimed', 'public', agentActor, { ownerId: owner.id, ownerName: owner.name, via: 'claim' });
      firstResponseAt = at;
    }
    // Where the planted detail goes: the second message when there is one (a follow-up), else the first.
    const plantAt = planted && (planted.where === 'message' || planted.where === 'internal') ? Math.min(1, count - 1) : -1;
    let lastPublicAt = createdAtMs;
    for (let m = 0; m < count; m++) {
      at += random.int(3, 600) * MINUTE;
      const byAgent = !isNew && (m % 2 === 0 || random.chance(0.2));
      let author = byAgent ? 'agent' : 'customer';
      let visibility = byAgent && random.chance(0.12) ? 'internal' : 'public';
      let body;
      if (m === plantAt) {
        if (planted.where === 'internal') {
          author = 'agent';
          visibility = 'internal';
        } else {
          author = 'customer';
          visibility = 'public';
        }
        body = planted.text;
      } else if (visibility === 'internal') body = random.pick(general.internal);
      else if (author === 'agent') body = fill(random.chance(0.75) ? random.pick(words.agent) : random.pick(general.agent), slots);
      else body = fill(random.chance(0.75) ? random.pick(words.customer) : random.pick(general.customer), slots);
      if (author === 'agent' && isNew) throw new Error('a new ticket got an agent message');
      const messageId = idOf(ID_MESSAGE, index, m);
      const type = author === 'customer' ? 'customer_replied' : visibility === 'internal' ? 'internal_note_added' : 'agent_replied';
      const eventSeq = event(type, visibility, author === 'customer' ? customerActor : agentActor, { messageId, body });
      out.messages.push({ id: messageId, ticketId: id, eventSeq, authorType: author, authorId: author === 'customer' ? customerId : owner.id, visibility, body, createdAt: new Date(at), channel: author === 'customer' ? channel : 'web' });
      if (visibility === 'public') lastPublicAt = at;
    }
    let resolvedAt = null;
    let closedAt = null;
    if (status === 'pending_customer') {
      at += MINUTE;
      event('status_changed', 'public', agentActor, { from: 'open', to: 'pending_customer' });
      lastPublicAt = at;
    } else if (status === 'resolved' || status === 'closed') {
      at += random.int(5, 600) * MINUTE;
      event('status_changed', 'public', agentActor, { from: 'open', to: 'resolved', resolution: lang === 'zh' ? '已解决' : 'Fixed' });
      resolvedAt = at;
      lastPublicAt = at;
      if (status === 'closed') {
        at += 7 * DAY;
        event('status_changed', 'public', { type: 'system' }, { from: 'resolved', to: 'closed' });
        closedAt = at;
      }
    }
    at = Math.min(at, this.nowMs - MINUTE);
    const ticket = {
      id,
      code,
      trackingTokenHash: random.hex(64),
      subject,
      description,
      channel,
      kind,
      priority,
      tier,
      status,
      teamId: team.id,
      customerId,
      ownerId: isNew ? null : owner.id,
      firstResponderId: isNew ? null : owner.id,
      createdAt: new Date(createdAtMs),
      firstResponseAt: firstResponseAt === null ? null : new Date(firstResponseAt),
      lastCustomerVisibleUpdateAt: new Date(Math.min(lastPublicAt, this.nowMs - MINUTE)),
      resolvedAt: resolvedAt === null ? null : new Date(Math.min(resolvedAt, this.nowMs - MINUTE)),
      closedAt: closedAt === null ? null : new Date(Math.min(closedAt, this.nowMs - MINUTE)),
      firstResponseDueAt: new Date(createdAtMs + 4 * 60 * MINUTE),
      resolutionDueAt: new Date(createdAtMs + 3 * DAY),
      tags: random.chance(0.4) ? [topic.name] : random.chance(0.1) ? [random.pick(TAGS), 'vip-followup'] : [],
      resolution: resolvedAt === null ? null : lang === 'zh' ? '已解决' : 'Fixed',
      lastSeq: seq,
      updatedAt: new Date(at),
    };
    out.tickets.push(ticket);
    return ticket;
  }
}

export { RELEVANCE_CASES };
