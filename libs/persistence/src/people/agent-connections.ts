import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** How often a gateway marks its agents' sockets as still there. */
export const AGENT_CONNECTION_REFRESH_MS = 30_000;
/** A socket row not refreshed for this long belongs to a gateway that is gone: its agent counts as offline. */
const FRESH_FOR = `interval '90 seconds'`;
/** Rows this stale are deleted by any gateway's refresh. */
const FORGOTTEN_AFTER = `interval '10 minutes'`;

/**
 * An agent's presence as a column of a query over `agents` (aliased `alias`): what they chose while
 * a console of theirs is connected (a fresh socket row, on any gateway), else offline.
 */
export function presenceColumn(alias: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM agent_connections c WHERE c.agent_id = ${alias}.id AND c.seen_at > now() - ${FRESH_FOR})
    THEN ${alias}.availability ELSE 'offline' END`;
}

/** The agents' open console sockets, one row each, kept by the gateway holding them. */
@Injectable()
export class AgentConnections {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async opened(gatewayId: string, socketId: string, agentId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO agent_connections (gateway_id, socket_id, agent_id) VALUES ($1, $2, $3)
       ON CONFLICT (gateway_id, socket_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, seen_at = now()`,
      [gatewayId, socketId, agentId],
    );
  }

  async closed(gatewayId: string, socketId: string): Promise<void> {
    await this.db.query(`DELETE FROM agent_connections WHERE gateway_id = $1 AND socket_id = $2`, [gatewayId, socketId]);
  }

  /**
   * This gateway's open sockets are there, and only those: a row whose socket closed (its delete
   * lost, or overtaken by its own insert) goes. Long-stale rows, of gateways that died, go too.
   */
  async refresh(gatewayId: string, open: ReadonlyArray<{ socketId: string; agentId: string }>): Promise<void> {
    const socketIds = open.map((o) => o.socketId);
    await this.db.query(`DELETE FROM agent_connections WHERE gateway_id = $1 AND NOT (socket_id = ANY($2::text[]))`, [gatewayId, socketIds]);
    // Upserted, not only refreshed: a socket whose row was never written (the database hiccuped as it connected) is present again.
    await this.db.query(
      `INSERT INTO agent_connections (gateway_id, socket_id, agent_id) SELECT $1, s, a FROM unnest($2::text[], $3::uuid[]) AS v(s, a)
       ON CONFLICT (gateway_id, socket_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, seen_at = now()`,
      [gatewayId, socketIds, open.map((o) => o.agentId)],
    );
    await this.db.query(`DELETE FROM agent_connections WHERE seen_at < now() - ${FORGOTTEN_AFTER}`);
  }

  /** A gateway shutting down forgets its sockets at once rather than letting them go stale. */
  async forgetGateway(gatewayId: string): Promise<void> {
    await this.db.query(`DELETE FROM agent_connections WHERE gateway_id = $1`, [gatewayId]);
  }
}
