import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ThreadMessage } from '@firsthand/domain';
import type { DataSource } from 'typeorm';

/** The newest messages of a ticket, oldest first, with the names of the agents who wrote them (to take out of a prompt). */
@Injectable()
export class TicketThread {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latest(ticketId: string, limit: number): Promise<{ messages: ThreadMessage[]; agentNames: string[] }> {
    const rows: Array<{ author_type: 'agent' | 'customer'; visibility: ThreadMessage['visibility']; body: string; agent_name: string | null }> = await this.db.query(
      `SELECT m.author_type, m.visibility, m.body, a.name AS agent_name
       FROM messages m LEFT JOIN agents a ON m.author_type = 'agent' AND a.id = m.author_id
       WHERE m.ticket_id = $1 ORDER BY m.event_seq DESC LIMIT $2`,
      [ticketId, limit],
    );
    rows.reverse();
    return {
      messages: rows.map((r) => ({ from: r.author_type, visibility: r.visibility, body: r.body })),
      agentNames: [...new Set(rows.map((r) => r.agent_name).filter((n): n is string => n !== null))],
    };
  }
}
