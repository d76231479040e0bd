import type { Locale } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedRows } from '../prepared-query.js';

export interface CustomerRecipient {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
}

export interface AgentRecipient {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

export interface EndpointRecipient {
  id: string;
  url: string;
  description: string;
}

export interface Audience {
  customer: CustomerRecipient | null;
  customerName: string;
  ownerName: string | null;
  /** Active agents among those asked for. */
  agents: AgentRecipient[];
  /** Active webhook endpoints, oldest first; empty unless asked for. */
  endpoints: EndpointRecipient[];
}

/** Who an event's notifications go to, and the names they quote, in one read. */
@Injectable()
export class NotificationAudience {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(q: { customerId: string; ownerId: string | null; agentIds: readonly string[]; endpoints: boolean }): Promise<Audience> {
    // Prepared: read for every event the worker handles, and planning it cost more than running it.
    const [row] = await preparedRows<{ customer: CustomerRecipient | null; owner_name: string | null; agents: AgentRecipient[]; endpoints: EndpointRecipient[] | null }>(
      this.db.manager,
      `SELECT
         (SELECT json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'locale', c.locale) FROM customers c WHERE c.id = $1) AS customer,
         (SELECT name FROM agents WHERE id = $2) AS owner_name,
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'email', a.email, 'locale', a.locale)), '[]') FROM agents a
           WHERE a.active AND a.id = ANY($3::uuid[])) AS agents,
         CASE WHEN $4 THEN (SELECT coalesce(json_agg(json_build_object('id', w.id, 'url', w.url, 'description', w.description) ORDER BY w.created_at, w.id), '[]')
           FROM webhook_endpoints w WHERE w.active) END AS endpoints`,
      [q.customerId, q.ownerId, q.agentIds, q.endpoints],
    );
    return { customer: row.customer, customerName: row.customer?.name ?? '', ownerName: row.owner_name, agents: row.agents, endpoints: row.endpoints ?? [] };
  }
}
