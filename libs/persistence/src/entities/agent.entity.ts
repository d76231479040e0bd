import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgentRole, Availability } from '@firsthand/domain';

@Entity({ name: 'agents' })
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') email: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('text') role: AgentRole;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId: string | null;
  /** What the agent chose; their presence is this while a console of theirs is connected, else offline. */
  @Column('text', { default: 'online' }) availability: Availability;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
