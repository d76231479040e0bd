import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'ticket_watchers' })
export class TicketWatcherEntity {
  @PrimaryColumn('uuid', { name: 'ticket_id' }) ticketId: string;
  @PrimaryColumn('uuid', { name: 'agent_id' }) agentId: string;
  @Column('text') reason: string;
  @Column('timestamptz', { name: 'added_at' }) addedAt: Date;
}
