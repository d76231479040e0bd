import { Injectable } from '@nestjs/common';
import { csvLines } from '@firsthand/domain';
import type { AuditPage } from '@firsthand/http-contracts';
import { AuditLog, type AuditEntry, type AuditFilter } from '@firsthand/persistence';
import { decodeCursor, encodeCursor } from '../http/keyset-cursor.js';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import type { AuditScene } from './audit-trail.js';
import { AuditTrail } from './audit-trail.js';
import { AUDIT_EXPORT_MAX_ROWS, type AuditQuery } from './dto/audit-query.dto.js';

const CSV_HEADER = ['at', 'actor_type', 'actor_id', 'actor_name', 'actor_role', 'address', 'user_agent', 'action', 'target_type', 'target_id', 'target_label', 'before', 'after', 'request_id'];

function instant(field: 'from' | 'to', value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999) {
    throw new RequestValidationFailed([{ field, messages: [`${field} must be a real instant`] }]);
  }
  return at;
}

/** The audit view: a filtered page, or every matching entry as CSV (the export is recorded too). */
@Injectable()
export class ReadAudit {
  constructor(
    private readonly log: AuditLog,
    private readonly trail: AuditTrail,
  ) {}

  private filter(query: AuditQuery): AuditFilter {
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && from >= to) throw new RequestValidationFailed([{ field: 'to', messages: ['to must be after from'] }]);
    const cursor = decodeCursor(query.cursor);
    return {
      actorId: query.actorId, actionPrefix: query.action, targetType: query.targetType, targetId: query.targetId, from, to,
      after: cursor ? { at: cursor.createdAt, id: cursor.id } : undefined,
    };
  }

  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const rows = await this.log.page(this.filter(query), limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.at, id: last.id }) : null };
  }

  async csv(scene: AuditScene, query: AuditQuery): Promise<string> {
    const filter = this.filter(query);
    const rows = await this.log.page(filter, AUDIT_EXPORT_MAX_ROWS + 1);
    if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
      throw new HttpProblem(422, 'audit-export-too-large', 'Too many entries for one export', `At most ${AUDIT_EXPORT_MAX_ROWS} entries per export: narrow the time range or the filters.`, { maxRows: AUDIT_EXPORT_MAX_ROWS });
    }
    await this.trail.recordAlone(scene, {
      action: 'audit.exported',
      target: { type: 'audit_log', id: null, label: null },
      after: { rows: rows.length, filter: { actorId: query.actorId, action: query.action, targetType: query.targetType, targetId: query.targetId, from: query.from, to: query.to } },
    });
    return csvLines([CSV_HEADER, ...rows.map(csvRow)]);
  }
}

function csvRow(e: AuditEntry): Array<string | null> {
  const agent = e.actor.type === 'agent' ? e.actor : null;
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return [e.at, e.actor.type, agent?.id ?? null, agent?.name ?? null, agent?.role ?? null, e.address, e.userAgent, e.action, e.target.type, e.target.id, e.target.label, json(e.before), json(e.after), e.requestId];
}
