import { Logger } from '@nestjs/common';
import pg from 'pg';

export const AGENT_CHANGED_CHANNEL = 'firsthand_agent_changed';

export interface AgentChangeHandlers {
  /** An agent's row changed or went: forget what is held about it. */
  changed(agentId: string): void;
  /** The feed was (re)connected or lost: notices may have been missed, forget everything. */
  reset(): void;
}

/**
 * LISTENs for agent changes (and any channel `follow` adds) on a connection of its own. `inSync()`
 * is a round trip on that connection: PostgreSQL delivers every notice committed before it answers,
 * so a caller that waits for it has seen every change committed before its request arrived. Callers arriving while a round
 * trip is under way share the next one, so under load it costs one small query per batch.
 */
export class AgentChangeFeed {
  private client: pg.Client | null = null;
  private opening: Promise<pg.Client | null> | null = null;
  private current: Promise<boolean> | null = null;
  private following: Promise<boolean> | null = null;
  private closed = false;
  private retryAt = 0;
  /** Further channels heard on the same connection, so that one `inSync()` covers them too. */
  private readonly followed = new Map<string, (payload: string) => void>();
  private readonly logger = new Logger('AgentChangeFeed');

  constructor(
    private readonly databaseUrl: string,
    private readonly handlers: AgentChangeHandlers,
  ) {}

  /** True once every notice committed before the call has been handled; false while not listening. */
  inSync(): Promise<boolean> {
    if (!this.current) {
      this.current = this.roundTrip().finally(() => (this.current = null));
      return this.current;
    }
    // The round trip under way may have been sent before our caller's request arrived: wait for the next.
    this.following ??= this.current.then(() => {
      this.following = null;
      return this.inSync();
    });
    return this.following;
  }

  /**
   * Hears `channel` on this connection from now on. An open connection is dropped (a reset for the
   * handlers) and the next `inSync()` opens one listening to it, so nothing heard before counts as
   * covering this channel.
   */
  follow(channel: string, onNotice: (payload: string) => void): void {
    this.followed.set(channel, onNotice);
    if (this.client) this.drop(this.client);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.opening?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async roundTrip(): Promise<boolean> {
    if (!this.client && !this.opening && Date.now() < this.retryAt) return false;
    let client: pg.Client | null = null;
    try {
      client = this.client ?? (await (this.opening ??= this.open().finally(() => (this.opening = null))));
      if (!client) return false;
      await client.query('SELECT 1');
      return this.client === client;
    } catch {
      // A dead connection can fail a query before its 'end' arrives: drop it now, so the next call opens a fresh one.
      if (client) this.drop(client);
      return false;
    }
  }

  private async open(): Promise<pg.Client | null> {
    if (this.closed) return null;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'firsthand-agent-changes' });
    client.on('notification', (notice) => {
      if (notice.channel === AGENT_CHANGED_CHANNEL && notice.payload) this.handlers.changed(notice.payload);
      else if (notice.payload) this.followed.get(notice.channel)?.(notice.payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`LISTEN ${AGENT_CHANGED_CHANNEL}: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    const channels = [AGENT_CHANGED_CHANNEL, ...this.followed.keys()];
    try {
      await client.connect();
      await client.query(channels.map((channel) => `LISTEN ${channel}`).join('; '));
    } catch (error) {
      this.logger.warn(`LISTEN ${AGENT_CHANGED_CHANNEL} failed: ${(error as Error).message}`);
      this.retryAt = Date.now() + 2000;
      await client.end().catch(() => undefined);
      return null;
    }
    // Closed meanwhile, or a channel was followed while this connection was opening: not used (the
    // next round trip opens one that listens to every channel).
    if (this.closed || channels.length !== this.followed.size + 1) {
      await client.end().catch(() => undefined);
      return null;
    }
    // Anything held from before may have changed unannounced while nobody listened.
    this.handlers.reset();
    this.client = client;
    return client;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.handlers.reset();
    client.end().catch(() => undefined);
  }
}
