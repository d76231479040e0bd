import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CustomerTier, Priority } from '@firsthand/domain';

@Entity({ name: 'sla_policies' })
export class SlaPolicyEntity {
  @PrimaryColumn('text') priority: Priority;
  @PrimaryColumn('text') tier: CustomerTier;
  @Column('integer', { name: 'first_response_seconds' }) firstResponseSeconds: number;
  @Column('integer', { name: 'update_cadence_seconds' }) updateCadenceSeconds: number;
  @Column('integer', { name: 'resolution_seconds' }) resolutionSeconds: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
