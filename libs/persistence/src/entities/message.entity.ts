import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Visibility } from '@firsthand/domain';

@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('integer', { name: 'event_seq' }) eventSeq: number;
  @Column('text', { name: 'author_type' }) authorType: 'agent' | 'customer';
  @Column('uuid', { name: 'author_id' }) authorId: string;
  @Column('text') visibility: Visibility;
  @Column('text') body: string;
  @Column('text') channel: Channel;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
