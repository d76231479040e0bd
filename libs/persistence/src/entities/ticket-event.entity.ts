import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TicketEventType, Visibility } from '@firsthand/domain';

/** Append-only: rows are inserted by `TicketStore` with the seq it reserved, never updated. */
@Entity({ name: 'ticket_events' })
export class TicketEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('integer') seq: number;
  @Column('text') type: TicketEventType;
  @Column('text') visibility: Visibility;
  @Column('text', { name: 'actor_type' }) actorType: 'agent' | 'customer' | 'system';
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_name', nullable: true }) actorName: string | null;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
