import type { AgentRole } from '@firsthand/domain';
import bcrypt from 'bcryptjs';
import type { ApiHarness } from '../support/api-harness.js';

export const TEST_PASSWORD = 'correct-horse-battery';
const passwordHash = bcrypt.hashSync(TEST_PASSWORD, 4);
let counter = 0;

export interface TestAgent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  teamId: string | null;
  token: string;
  auth: { Authorization: string };
}

/** Builds teams, agents and tickets through the database and the public API, as a real deployment would have them. */
export class HelpdeskFactory {
  constructor(private readonly api: Pick<ApiHarness, 'database' | 'http'>) {}

  async team(name = `Team ${++counter}`, isDefault = false): Promise<string> {
    const [row] = await this.api.database.db.query(`INSERT INTO teams (name, is_default) VALUES ($1, $2) RETURNING id`, [name, isDefault]);
    return row.id;
  }

  /** An agent stored directly (so tests need no admin), then signed in through the real login route. */
  async agent(role: AgentRole = 'agent', teamId: string | null = null, name?: string): Promise<TestAgent> {
    const n = ++counter;
    const agentName = name ?? `Agent ${n}`;
    const email = `agent${n}-${Date.now()}@test.local`;
    const [row] = await this.api.database.db.query(
      `INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [agentName, email, passwordHash, role, teamId],
    );
    return this.signIn({ id: row.id, name: agentName, email, role, teamId });
  }

  /** Signs a stored agent in (again) through the real login route: a new session and token. */
  async signIn(agent: Omit<TestAgent, 'token' | 'auth'>): Promise<TestAgent> {
    const login = await this.api.http.post('/api/auth/login').send({ email: agent.email, password: TEST_PASSWORD }).expect(200);
    const token = login.body.accessToken as string;
    return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId, token, auth: { Authorization: `Bearer ${token}` } };
  }

  /** A ticket opened by a customer through the public route; returns the API's answer. */
  async customerTicket(overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) {
    const n = ++counter;
    const res = await this.api.http
      .post('/api/tickets')
      .send({
        subject: `Problem number ${n}`,
        description: 'It does not work.',
        channel: 'web',
        kind: 'problem',
        ...overrides,
        customer: { name: `Customer ${n}`, email: `customer${n}-${Date.now()}@example.com`, ...customer },
      })
      .expect(201);
    return res.body as { id: string; code: string; trackingToken: string; status: string; repeatOfTicketId: string | null };
  }

  /** Everything stored about a ticket, for "nothing changed" assertions. */
  async snapshot(ticketId: string) {
    const db = this.api.database.db;
    const [ticket] = await db.query(`SELECT * FROM tickets WHERE id = $1`, [ticketId]);
    const events = await db.query(`SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticketId]);
    const messages = await db.query(`SELECT * FROM messages WHERE ticket_id = $1 ORDER BY event_seq`, [ticketId]);
    const watchers = await db.query(`SELECT * FROM ticket_watchers WHERE ticket_id = $1 ORDER BY agent_id`, [ticketId]);
    return { ticket, events, messages, watchers };
  }

  async counts() {
    const [row] = await this.api.database.db.query(
      `SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events,
              (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM customers) AS customers,
              (SELECT count(*)::int FROM idempotency_keys) AS idempotency_keys`,
    );
    return row as { tickets: number; events: number; messages: number; customers: number; idempotency_keys: number };
  }
}
