import { TICKET_MAX_COPIED, type CopiedPerson } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, preparedRows } from '../prepared-query.js';

export interface CopiedPersonRecord extends CopiedPerson {
  addedAt: Date;
}

/** The people copied on each ticket (TicketCopiedPeople1763804800000): who our answers are copied to. */
@Injectable()
export class TicketCopiedPeople {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Adds `people` to the ticket's, in the caller's transaction (which holds the ticket), up to
   * TICKET_MAX_COPIED in all; an agent's address is never copied (agents answer in the console).
   */
  async addWithin(tx: EntityManager, ticketId: string, people: readonly CopiedPerson[]): Promise<void> {
    if (people.length === 0) return;
    await preparedQuery(
      tx,
      `INSERT INTO ticket_copied_people (ticket_id, address, name)
       SELECT $1, p.address, p.name FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(address, name, ord)
       WHERE NOT EXISTS (SELECT 1 FROM ticket_copied_people c WHERE c.ticket_id = $1 AND c.address = p.address)
         AND NOT EXISTS (SELECT 1 FROM agents a WHERE lower(a.email) = p.address)
       ORDER BY p.ord
       LIMIT greatest(0, $4::int - (SELECT count(*) FROM ticket_copied_people c WHERE c.ticket_id = $1))
       ON CONFLICT DO NOTHING`,
      [ticketId, people.map((p) => p.address), people.map((p) => p.name), TICKET_MAX_COPIED],
    );
  }

  /** Oldest first. */
  async of(ticketId: string, em: EntityManager = this.db.manager): Promise<CopiedPersonRecord[]> {
    const rows = await preparedRows<{ address: string; name: string | null; added_at: Date }>(
      em,
      `SELECT address, name, added_at FROM ticket_copied_people WHERE ticket_id = $1 ORDER BY added_at, address`,
      [ticketId],
    );
    return rows.map((r) => ({ address: r.address, name: r.name, addedAt: r.added_at }));
  }

  async isCopied(ticketId: string, address: string): Promise<boolean> {
    const rows = await preparedRows(this.db.manager, `SELECT 1 FROM ticket_copied_people WHERE ticket_id = $1 AND address = $2`, [ticketId, address.toLowerCase()]);
    return rows.length > 0;
  }

  /** False when the address was not copied on the ticket. */
  async remove(ticketId: string, address: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const { affected } = await preparedQuery(em, `DELETE FROM ticket_copied_people WHERE ticket_id = $1 AND address = $2`, [ticketId, address.toLowerCase()]);
    return affected > 0;
  }
}
