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
export type AgentLogin = AgentPrincipal & { active: boolean; passwordHash: string };

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
  private readonly held = new Map<string, { principal: AgentPrincipal; until: number }>();
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

  /** Several active agents in one read, for periodic re-checks; absent ids are disabled or gone. */
  async findActiveAmong(ids: string[]): Promise<Map<string, AgentPrincipal>> {
    if (ids.length === 0) return new Map();
    const rows: AgentRow[] = await this.db.query(`SELECT id, name, email, role, team_id FROM agents WHERE id = ANY($1::uuid[]) AND active`, [ids]);
    return new Map(rows.map((row) => [row.id, toPrincipal(row)]));
  }

  async findActive(id: string): Promise<AgentPrincipal | null> {
    const following = await this.feed.inSync();
    const now = performance.now();
    if (following) {
      const entry = this.held.get(id);
      if (entry && entry.until > now) return entry.principal;
    }
    const generation = this.generation;
    const rows: AgentRow[] = await this.db.query(`SELECT id, name, email, role, team_id FROM agents WHERE id = $1 AND active`, [id]);
    const principal = rows[0] ? toPrincipal(rows[0]) : null;
    // A change noticed while we read may be older or newer than what we read: then hold nothing.
    if (principal && following && generation === this.generation) {
      if (this.held.size >= MAX_HELD) this.held.clear();
      this.held.set(id, { principal, until: now + HOLD_MS });
    }
    return principal;
  }

  /** Not cached: a login reads the row as it is. */
  async findForLogin(email: string): Promise<AgentLogin | null> {
    const rows: Array<AgentRow & { active: boolean; password_hash: string }> = await this.db.query(
      `SELECT id, name, email, role, team_id, active, password_hash FROM agents WHERE lower(email) = lower($1)`,
      [email],
    );
    const row = rows[0];
    return row ? { ...toPrincipal(row), active: row.active, passwordHash: row.password_hash } : null;
  }

  private tell(agentId: string | null): void {
    for (const listener of this.listeners) listener(agentId);
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    await this.feed.close();
  }
}

function toPrincipal(row: AgentRow): AgentPrincipal {
  // Frozen: one object serves many requests.
  return Object.freeze({ id: row.id, name: row.name, role: row.role, teamId: row.team_id, email: row.email });
}
