import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * LISTENs on an outbox's NOTIFY channel and calls `wake` for each notification. A lost connection
 * is re-opened after 2 s; meanwhile the relay's own sweep keeps it going.
 */
export class OutboxWakeups {
  private client?: pg.Client;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly wake: () => void,
    private readonly logger: Logger,
  ) {}

  async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: `firsthand-${this.channel}` });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`LISTEN ${this.channel}: ${error.message}`);
      client.end().catch(() => undefined);
      if (!this.closed && this.client === client) setTimeout(() => void this.open().catch(() => undefined), 2000).unref();
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
