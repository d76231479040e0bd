import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { ActingAgent, AgentRole } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { AgentChangeFeed } from './agent-change-feed.js';

/** Who is behind a token: an active agent as the rules see it, with the email the API shows. */
export type AgentPrincipal = ActingAgent & { email: string };

/** An agent as a login checks it, active or not, with its password hash. */
export type AgentLogin = AgentPrincipal & { active: boolean; locked: boolean; passwordHash: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  team_id: string | null;
}

/** Told of an agent whose row changed (role, team, active, name…), or `null` when any agent may have changed unannounced. */
export type AgentChangeListener = (agentId: string | null) => void;

const HOLD_MS = 30_000;
const MAX_HELD = 10_000;

/**
 * Active agents by id for every request and socket handshake, held in memory. A change to an agent
 * (deactivation, role, team, name) reaches every process at its commit through the agent-change
 * feed, and each lookup first waits until this process has seen every change committed before it:
 * a disabled agent is refused on the next request in any process. Nothing is held while the feed
 * is down; entries also expire after HOLD_MS.
 */
@Injectable()
export class AgentPrincipals implements OnModuleDestroy {
  /** By agent id, with the live sessions seen for it since it was read: any change to the agent or its sessions drops the entry. */
  private readonly held = new Map<string, { principal: AgentPrincipal; until: number; sessions: Set<string> }>();
  private generation = 0;
  private readonly feed: AgentChangeFeed;
  private readonly listeners = new Set<AgentChangeListener>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig,
  ) {
    this.feed = new AgentChangeFeed(config.databaseUrl, {
      changed: (id) => {
        this.generation++;
        this.held.delete(id);
        this.tell(id);
      },
      reset: () => {
        this.generation++;
        this.held.clear();
        this.tell(null);
      },
    });
  }

  /** Calls `listener` after each change is applied here (the gateways re-check open sockets); returns the unsubscribe. */
  onChange(listener: AgentChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * True once every change committed before the call has reached this process. It also reopens a
   * lost feed, whose reopening announces a `null` change: a process with no requests calls it on a timer.
   */
  inSync(): Promise<boolean> {
    return this.feed.inSync();
  }

  /**
   * Hears a further notice channel on the feed's connection: `inSync()` then also means every
   * notice on it committed before the call has reached `onNotice` (HeldTicketViews). A lost feed is
   * told to `onChange` listeners as a `null` change.
   */
  followNotices(channel: string, onNotice: (payload: string) => void): void {
    this.feed.follow(channel, onNotice);
  }

  /** Several active agents in one read, for periodic re-checks; absent ids are disabled or gone. */
  async findActiveAmong(ids: string[]): Promise<Map<string, AgentPrincipal>> {
    if (ids.length === 0) return new Map();
    const rows: AgentRow[] = await this.db.query(`SELECT id, name, email, role, team_id FROM agents WHERE id = ANY($1::uuid[]) AND active AND locked_at IS NULL`, [ids]);
    return new Map(rows.map((row) => [row.id, toPrincipal(row)]));
  }

  /**
   * Live sessions among `sessionIds` in one read, by session id, with their (active, unlocked) agent;
   * absent ones are over: revoked, or expired (a socket opened just before its token expired is
   * dropped at the gateway's next re-check, not kept for as long as it stays connected).
   */
  async findSignedInAmong(sessionIds: string[]): Promise<Map<string, AgentPrincipal>> {
    const valid = sessionIds.filter((id) => UUID.test(id));
    if (valid.length === 0) return new Map();
    const rows: Array<AgentRow & { session_id: string }> = await this.db.query(
      `SELECT s.id AS session_id, a.id, a.name, a.email, a.role, a.team_id FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
       WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND a.active AND a.locked_at IS NULL`,
      [valid],
    );
    return new Map(rows.map((row) => [row.session_id, toPrincipal(row)]));
  }

  /**
   * The agent behind a live session: active, not locked, the session neither revoked nor another
   * agent's. A miss is one statement, which also marks the session as seen (so "last seen" is as
   * fresh as the hold, HOLD_MS).
   */
  async findSignedIn(agentId: string, sessionId: string): Promise<AgentPrincipal | null> {
    if (!UUID.test(agentId) || !UUID.test(sessionId)) return null;
    const following = await this.feed.inSync();
    const now = performance.now();
    if (following) {
      const entry = this.held.get(agentId);
      if (entry && entry.until > now && entry.sessions.has(sessionId)) return entry.principal;
    }
    const generation = this.generation;
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [AgentRow[], number] = await this.db.query(
      `UPDATE agent_sessions s SET last_seen_at = now() FROM agents a
       WHERE s.id = $2 AND s.agent_id = $1 AND a.id = s.agent_id AND s.revoked_at IS NULL AND s.expires_at > now() AND a.active AND a.locked_at IS NULL
       RETURNING a.id, a.name, a.email, a.role, a.team_id`,
      [agentId, sessionId],
    );
    const principal = rows[0] ? toPrincipal(rows[0]) : null;
    if (principal && following && generation === this.generation) {
      const entry = this.held.get(agentId);
      if (entry && entry.until > now && sameAccess(entry.principal, principal)) entry.sessions.add(sessionId);
      else this.hold(agentId, { principal, until: now + HOLD_MS, sessions: new Set([sessionId]) });
    }
    return principal;
  }

  async findActive(id: string): Promise<AgentPrincipal | null> {
    const following = await this.feed.inSync();
    const now = performance.now();
    if (following) {
      const entry = this.held.get(id);
      if (entry && entry.until > now) return entry.principal;
    }
    const generation = this.generation;
    const rows: AgentRow[] = await this.db.query(`SELECT id, name, email, role, team_id FROM agents WHERE id = $1 AND active AND locked_at IS NULL`, [id]);
    const principal = rows[0] ? toPrincipal(rows[0]) : null;
    // A change noticed while we read may be older or newer than what we read: then hold nothing.
    if (principal && following && generation === this.generation) this.hold(id, { principal, until: now + HOLD_MS, sessions: new Set() });
    return principal;
  }

  private hold(id: string, entry: { principal: AgentPrincipal; until: number; sessions: Set<string> }): void {
    if (this.held.size >= MAX_HELD) this.held.clear();
    this.held.set(id, entry);
  }

  /** Not cached: a login reads the row as it is. */
  async findForLogin(email: string): Promise<AgentLogin | null> {
    const rows: Array<AgentRow & { active: boolean; locked: boolean; password_hash: string }> = await this.db.query(
      `SELECT id, name, email, role, team_id, active, locked_at IS NOT NULL AS locked, password_hash FROM agents WHERE lower(email) = lower($1)`,
      [email],
    );
    const row = rows[0];
    return row ? { ...toPrincipal(row), active: row.active, locked: row.locked, passwordHash: row.password_hash } : null;
  }

  /** Not cached: a sign-in being completed (second factor, single sign-on) reads the agent as it is. */
  async findForSignIn(id: string): Promise<AgentLogin | null> {
    if (!UUID.test(id)) return null;
    const rows: Array<AgentRow & { active: boolean; locked: boolean; password_hash: string }> = await this.db.query(
      `SELECT id, name, email, role, team_id, active, locked_at IS NOT NULL AS locked, password_hash FROM agents WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { ...toPrincipal(row), active: row.active, locked: row.locked, passwordHash: row.password_hash } : null;
  }

  private tell(agentId: string | null): void {
    for (const listener of this.listeners) listener(agentId);
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    await this.feed.close();
  }
}

function sameAccess(a: AgentPrincipal, b: AgentPrincipal): boolean {
  return a.role === b.role && a.teamId === b.teamId && a.name === b.name && a.email === b.email;
}

function toPrincipal(row: AgentRow): AgentPrincipal {
  // Frozen: one object serves many requests.
  return Object.freeze({ id: row.id, name: row.name, role: row.role, teamId: row.team_id, email: row.email });
}
