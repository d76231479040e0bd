import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, CustomerTier, Priority, TicketKind, TicketStatus } from '@firsthand/domain';

/**
 * The ticket row. Writes that decide ownership or append events go through `TicketStore`'s
 * conditional SQL, never `save()`: TypeORM's save does not guard concurrent changes.
 */
@Entity({ name: 'tickets' })
export class TicketEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text', { name: 'tracking_token_hash', select: false }) trackingTokenHash: string;
  @Column('text') subject: string;
  @Column('text') description: string;
  @Column('text') channel: Channel;
  @Column('text') kind: TicketKind;
  @Column('text') priority: Priority;
  @Column('text') tier: CustomerTier;
  @Column('text') status: TicketStatus;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId: string | null;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId: string | null;
  @Column('uuid', { name: 'first_responder_id', nullable: true }) firstResponderId: string | null;
  @Column('uuid', { name: 'pending_handoff_to_id', nullable: true }) pendingHandoffToId: string | null;
  @Column('text', { name: 'handoff_note', nullable: true }) handoffNote: string | null;
  @Column('uuid', { name: 'repeat_of_ticket_id', nullable: true }) repeatOfTicketId: string | null;
  @Column('uuid', { name: 'offered_to_id', nullable: true }) offeredToId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'first_response_at', nullable: true }) firstResponseAt: Date | null;
  @Column('timestamptz', { name: 'last_customer_visible_update_at', nullable: true }) lastCustomerVisibleUpdateAt: Date | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('timestamptz', { name: 'first_response_due_at', nullable: true }) firstResponseDueAt: Date | null;
  @Column('timestamptz', { name: 'next_update_due_at', nullable: true }) nextUpdateDueAt: Date | null;
  @Column('timestamptz', { name: 'resolution_due_at', nullable: true }) resolutionDueAt: Date | null;
  @Column('timestamptz', { name: 'sla_paused_at', nullable: true }) slaPausedAt: Date | null;
  @Column('double precision', { name: 'sla_paused_minutes', default: 0 }) slaPausedMinutes: number;
  @Column('integer', { name: 'sla_first_response_seconds', nullable: true }) slaFirstResponseSeconds: number | null;
  @Column('integer', { name: 'sla_resolution_seconds', nullable: true }) slaResolutionSeconds: number | null;
  @Column('smallint', { name: 'escalation_level' }) escalationLevel: number;
  @Column('integer', { name: 'reopen_count' }) reopenCount: number;
  @Column('integer', { name: 'transfer_count' }) transferCount: number;
  @Column('text', { array: true }) tags: string[];
  @Column('smallint', { name: 'csat_rating', nullable: true }) csatRating: number | null;
  @Column('text', { name: 'csat_comment', nullable: true }) csatComment: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('integer', { name: 'last_seq' }) lastSeq: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
