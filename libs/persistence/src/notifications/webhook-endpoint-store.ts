import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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

  async create(input: { url: string; description: string; sealedSecret: string; createdBy: string | null }, tx?: EntityManager): Promise<WebhookEndpoint> {
    const [row]: Row[] = await (tx ?? this.db.manager).query(
      `INSERT INTO webhook_endpoints (url, secret, description, created_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [input.url, input.sealedSecret, input.description, input.createdBy],
    );
    return publicView(toEndpoint(row));
  }

  /** Active endpoints, counted one registration at a time (the lock is held until `tx` ends), so two at once cannot pass a cap together. */
  async countActive(tx: EntityManager): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints'))`);
    const [row]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE active`);
    return row.n;
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

  /**
   * Deactivated, not deleted: its past notifications keep pointing at it. Answers the endpoint as
   * it was before and after, or null when there is none; with `tx`, inside that transaction.
   */
  async deactivate(id: string, tx?: EntityManager): Promise<{ before: WebhookEndpoint; after: WebhookEndpoint } | null> {
    const em = tx ?? this.db.manager;
    const [before]: Row[] = await em.query(`SELECT * FROM webhook_endpoints WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) return null;
    const [after]: Row[] = await em.query(`WITH changed AS (UPDATE webhook_endpoints SET active = false WHERE id = $1 RETURNING *) SELECT * FROM changed`, [id]);
    return { before: publicView(toEndpoint(before)), after: publicView(toEndpoint(after)) };
  }
}

function publicView(e: WebhookEndpointWithSecret): WebhookEndpoint {
  return { id: e.id, url: e.url, description: e.description, active: e.active, createdAt: e.createdAt };
}
