import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { admitErasure, CustomerMergedAway, CustomerNotFound, ERASURE_STEPS } from '@firsthand/domain';
import type { CustomerErasureStatus, CustomerExportList, CustomerExportStatus } from '@firsthand/http-contracts';
import { CustomerDataReader, CustomerErasures, CustomerExports, type CustomerErasureRecord, type CustomerExportRecord } from '@firsthand/persistence';
import type { AuthenticatedAgent } from '../../auth/authenticated-agent.js';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { HttpProblem } from '../../http/problem.js';
import { customerErased } from './customer-erased.js';

/** An admin's requests about a customer's data: each is checked here and left to the worker as a row (the job). */
@Injectable()
export class CustomerDataRights {
  constructor(
    private readonly reader: CustomerDataReader,
    private readonly exports: CustomerExports,
    private readonly erasures: CustomerErasures,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly audit: AuditTrail,
  ) {}

  async requestExport(admin: AuthenticatedAgent, customerId: string, scene: AuditScene): Promise<CustomerExportStatus> {
    const state = await this.existing(customerId);
    if (state.erasedAt || (await this.erasures.forCustomer(customerId))) throw customerErased();
    const limit = this.config.dataRights.maxLiveExportsPerCustomer;
    if ((await this.exports.liveCount(customerId)) >= limit) {
      throw new HttpProblem(409, 'too-many-exports', 'Too many exports', `At most ${limit} exports of one customer may be queued or downloadable at once; wait for one to expire.`, { limit });
    }
    const requested = await this.exports.request(customerId, admin.id);
    await this.audit.recordAlone(scene, { action: 'customer.export_requested', target: { type: 'customer', id: customerId, label: null }, after: { exportId: requested.id } });
    return exportStatus(requested);
  }

  /** Seen by whoever may ask for one; a merged-away or erased record still lists what was handed out for it. */
  async exportsOf(customerId: string, limit: number): Promise<CustomerExportList> {
    if (!(await this.reader.customerState(customerId))) throw new CustomerNotFound();
    const [items, live] = await Promise.all([this.exports.listFor(customerId, limit), this.exports.liveCount(customerId)]);
    const { maxLiveExportsPerCustomer: liveLimit, exportKeepHours: keepHours } = this.config.dataRights;
    return { items: items.map(exportStatus), live, liveLimit, keepHours };
  }

  async exportOf(customerId: string, exportId: string): Promise<CustomerExportRecord> {
    const found = await this.exports.find(customerId, exportId);
    if (!found) throw new HttpProblem(404, 'export-not-found', 'Export not found', 'No such export of this customer.');
    return found;
  }

  async requestErasure(admin: AuthenticatedAgent, customerId: string, confirm: boolean, scene: AuditScene): Promise<{ status: CustomerErasureStatus; created: boolean }> {
    await this.existing(customerId);
    const already = await this.erasures.forCustomer(customerId);
    if (already) return { status: erasureStatus(already), created: false };
    const open = await this.reader.openTickets(await this.reader.recordIds(customerId));
    const admission = admitErasure(open, confirm);
    if (!admission.admitted) {
      throw new HttpProblem(409, 'erasure-needs-confirmation', 'Confirm the erasure', admission.consequences, {
        openTickets: admission.openTickets.map((t) => ({ id: t.id, code: t.code, subject: t.subject, status: t.status })),
        whatHappens: ['open tickets are closed without a message to the customer', 'names, contacts and message texts are replaced',
          'attachments and mail originals are deleted from storage', 'tracking links stop working', 'exports of the customer are deleted'],
      });
    }
    const { erasure, created } = await this.erasures.request(customerId, admin.id, open.length);
    if (created) {
      await this.audit.recordAlone(scene, {
        action: 'customer.erasure_requested',
        target: { type: 'customer', id: customerId, label: null },
        after: { erasureId: erasure.id, openTickets: open.map((t) => t.code), confirmed: confirm },
      });
    }
    return { status: erasureStatus(erasure), created };
  }

  async erasureOf(customerId: string): Promise<CustomerErasureStatus> {
    const found = await this.erasures.forCustomer(customerId);
    if (!found) throw new HttpProblem(404, 'erasure-not-found', 'No erasure', 'This customer has not been asked to be erased.');
    return erasureStatus(found);
  }

  /** Merged-away records answer with the survivor elsewhere; here an act must name the survivor. */
  private async existing(customerId: string) {
    const state = await this.reader.customerState(customerId);
    if (!state) throw new CustomerNotFound();
    if (state.mergedIntoId) throw new CustomerMergedAway(state.mergedIntoId);
    return state;
  }
}

export function exportStatus(e: CustomerExportRecord): CustomerExportStatus {
  return {
    id: e.id, customerId: e.customerId, state: e.state, requestedAt: e.requestedAt.toISOString(), readyAt: e.readyAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null, sizeBytes: e.sizeBytes, error: e.error,
    downloadUrl: e.state === 'ready' ? `/api/customers/${e.customerId}/exports/${e.id}/download` : null,
  };
}

export function erasureStatus(e: CustomerErasureRecord): CustomerErasureStatus {
  return {
    id: e.id, customerId: e.customerId, state: e.state, stepsDone: e.stepsDone, stepCount: ERASURE_STEPS.length, steps: [...ERASURE_STEPS],
    openTickets: e.openTickets, requestedAt: e.requestedAt.toISOString(), finishedAt: e.finishedAt?.toISOString() ?? null, lastError: e.lastError,
  };
}
