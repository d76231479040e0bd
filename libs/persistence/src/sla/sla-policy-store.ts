import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerTier, Priority, SlaTargetSeconds } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';

/** One row of the priority x tier table, as stored. */
export interface SlaPolicy extends SlaTargetSeconds {
  priority: Priority;
  tier: CustomerTier;
  updatedAt: Date;
  /** The calendar overriding the team's for this priority x tier (null: the team's calendar). */
  calendarId: string | null;
}

interface PolicyRow {
  priority: Priority;
  tier: CustomerTier;
  first_response_seconds: number;
  update_cadence_seconds: number;
  resolution_seconds: number;
  updated_at: Date;
  calendar_id: string | null;
}

const POLICY_COLUMNS = 'priority, tier, first_response_seconds, update_cadence_seconds, resolution_seconds, updated_at, calendar_id';

const toPolicy = (r: PolicyRow): SlaPolicy => ({
  priority: r.priority,
  tier: r.tier,
  firstResponseSeconds: r.first_response_seconds,
  updateCadenceSeconds: r.update_cadence_seconds,
  resolutionSeconds: r.resolution_seconds,
  updatedAt: r.updated_at,
  calendarId: r.calendar_id,
});

/** The SLA policies admins edit. Tickets read their targets once, when opened (sla-policy.reader.ts). */
@Injectable()
export class SlaPolicyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Most urgent first, and within a priority the best-served tier first. */
  async list(): Promise<SlaPolicy[]> {
    const rows: PolicyRow[] = await this.db.query(
      `SELECT ${POLICY_COLUMNS} FROM sla_policies
       ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], priority), array_position(ARRAY['vip', 'member', 'standard'], tier)`,
    );
    return rows.map(toPolicy);
  }

  /** The policy locked for a change in `tx`, as it is before it; null when there is none. */
  async lockForChange(priority: Priority, tier: CustomerTier, tx: EntityManager): Promise<SlaPolicy | null> {
    const rows: PolicyRow[] = await tx.query(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE priority = $1 AND tier = $2 FOR UPDATE`, [priority, tier]);
    return rows[0] ? toPolicy(rows[0]) : null;
  }

  /** Null when there is no policy for this priority x tier. With `tx`, inside that transaction. */
  async setTargets(priority: Priority, tier: CustomerTier, targets: SlaTargetSeconds, tx?: EntityManager): Promise<SlaPolicy | null> {
    const rows: PolicyRow[] = await (tx ?? this.db.manager).query(
      `WITH changed AS (
         UPDATE sla_policies SET first_response_seconds = $3, update_cadence_seconds = $4, resolution_seconds = $5, updated_at = now()
         WHERE priority = $1 AND tier = $2 RETURNING ${POLICY_COLUMNS})
       SELECT * FROM changed`,
      [priority, tier, targets.firstResponseSeconds, targets.updateCadenceSeconds, targets.resolutionSeconds],
    );
    return rows[0] ? toPolicy(rows[0]) : null;
  }
}
