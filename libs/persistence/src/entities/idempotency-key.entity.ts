import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn('text') scope: string;
  @PrimaryColumn('text') key: string;
  @Column('text', { name: 'request_hash' }) requestHash: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
