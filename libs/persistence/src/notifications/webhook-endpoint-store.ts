import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  active: boolean;
  createdAt: string;
}

export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  /** Sealed with SecretBox; open it only to sign. */
  sealedSecret: string;
}

interface Row {
  id: string;
  url: string;
  secret: string;
  description: string;
  active: boolean;
  created_at: Date;
}

const toEndpoint = (r: Row): WebhookEndpointWithSecret => ({
  id: r.id,
  url: r.url,
  description: r.description,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  sealedSecret: r.secret,
});

/** Integrations that receive every customer-visible ticket event. */
@Injectable()
export class WebhookEndpointStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: { url: string; description: string; sealedSecret: string; createdBy: string | null }): Promise<WebhookEndpoint> {
    const [row]: Row[] = await this.db.query(
      `INSERT INTO webhook_endpoints (url, secret, description, created_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [input.url, input.sealedSecret, input.description, input.createdBy],
    );
    return publicView(toEndpoint(row));
  }

  async list(): Promise<WebhookEndpoint[]> {
    const rows: Row[] = await this.db.query(`SELECT * FROM webhook_endpoints ORDER BY created_at, id`);
    return rows.map((r) => publicView(toEndpoint(r)));
  }

  async active(): Promise<WebhookEndpointWithSecret[]> {
    const rows: Row[] = await this.db.query(`SELECT * FROM webhook_endpoints WHERE active ORDER BY created_at, id`);
    return rows.map(toEndpoint);
  }

  async findWithSecret(id: string): Promise<WebhookEndpointWithSecret | null> {
    const rows: Row[] = await this.db.query(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  /** Deactivated, not deleted: its past notifications keep pointing at it. */
  async deactivate(id: string): Promise<WebhookEndpoint | null> {
    await this.db.query(`UPDATE webhook_endpoints SET active = false WHERE id = $1`, [id]);
    const endpoint = await this.findWithSecret(id);
    return endpoint ? publicView(endpoint) : null;
  }
}

function publicView(e: WebhookEndpointWithSecret): WebhookEndpoint {
  return { id: e.id, url: e.url, description: e.description, active: e.active, createdAt: e.createdAt };
}
