import { Inject, Injectable, Logger } from '@nestjs/common';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, closeForErasure, erasedCustomerName, nextErasureStep, SYSTEM_AUDIT_ACTOR, type ErasureStep } from '@firsthand/domain';
import { AuditLog, CustomerDataReader, CustomerErasures, CustomerExports, type CustomerErasureRecord } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** What every step works on, read once per run (the addresses before the record step removes them). */
interface ErasureScope {
  customerIds: string[];
  ticketIds: string[];
  addresses: string[];
  erasedName: string;
}

/**
 * Runs an erasure from the step it reached (`steps_done`) to the end. Each step is idempotent and
 * its progress is recorded after it, so a worker killed mid-step leaves the step to be run again
 * whole by whoever takes the erasure next; files are deleted before the rows that name them are
 * changed, so a step run again still finds every file it has to delete.
 */
@Injectable()
export class EraseCustomer {
  private readonly logger = new Logger(EraseCustomer.name);

  constructor(
    private readonly erasures: CustomerErasures,
    private readonly exports: CustomerExports,
    private readonly reader: CustomerDataReader,
    private readonly writer: TicketWriter,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly auditLog: AuditLog,
  ) {}

  async run(erasure: CustomerErasureRecord, leaseMs: number): Promise<void> {
    const customerIds = await this.reader.recordIds(erasure.customerId);
    const scope: ErasureScope = {
      customerIds,
      ticketIds: await this.reader.ticketIds(customerIds),
      addresses: await this.erasures.addresses(customerIds),
      erasedName: erasedCustomerName(erasure.number),
    };
    const stepPause = this.config.dataRights.erasureStepPauseMs;
    for (let done = erasure.stepsDone, step = nextErasureStep(done); step; step = nextErasureStep(++done)) {
      if (done > erasure.stepsDone && stepPause > 0) {
        await this.erasures.renewLease(erasure.id, leaseMs + stepPause);
        await pause(stepPause);
      }
      await this.erasures.renewLease(erasure.id, leaseMs);
      await this.runStep(step, scope);
      await this.erasures.stepDone(erasure.id, done);
    }
    await this.erasures.finish(erasure.id, this.clock.now());
    // Ids and counts only: the audit log keeps no personal data, so the erasure leaves nothing there to erase.
    await this.auditLog.append({
      actor: SYSTEM_AUDIT_ACTOR,
      origin: { address: null, userAgent: null, requestId: null },
      action: 'customer.erased',
      target: { type: 'customer', id: erasure.customerId, label: scope.erasedName },
      after: { erasureId: erasure.id, requestedBy: erasure.requestedBy, tickets: scope.ticketIds.length },
    });
    this.logger.log(`Erased customer ${erasure.customerId} (${scope.ticketIds.length} ticket(s))`);
  }

  private async runStep(step: ErasureStep, scope: ErasureScope): Promise<void> {
    const { ticketIds, addresses, erasedName } = scope;
    switch (step) {
      case 'close_open_tickets': {
        const now = this.clock.now();
        for (const open of await this.reader.openTickets(scope.customerIds)) {
          await this.writer.changeAsSystem(open.id, ({ ticket }) => closeForErasure(ticket, now), now);
        }
        return;
      }
      case 'ticket_texts':
        return this.erasures.eraseTicketTexts(ticketIds, erasedName);
      case 'mails': {
        await this.erasures.stopTakingIn(ticketIds, addresses);
        const keys = await this.erasures.mailOriginalKeys(ticketIds, addresses);
        await this.erasures.deleteFilesNoLongerNeeded(keys, ticketIds, addresses, this.deleteBytes);
        return this.erasures.eraseMails(ticketIds, addresses);
      }
      case 'notifications':
        return this.erasures.eraseNotifications(ticketIds, erasedName);
      case 'attachments': {
        const keys = await this.erasures.attachmentKeys(ticketIds);
        await this.erasures.deleteFilesNoLongerNeeded(keys, ticketIds, addresses, this.deleteBytes);
        return this.erasures.markAttachmentsErased(ticketIds, this.clock.now());
      }
      case 'exports': {
        const dir = resolve(this.config.dataRights.exportsDir);
        for (const found of await this.exports.notGoneFor(scope.customerIds)) {
          await rm(join(dir, `${found.id}.zip`), { force: true });
          await this.exports.markGone(found.id, 'deleted');
        }
        return;
      }
      case 'customer_record':
        return this.erasures.eraseRecords(scope.customerIds, erasedName, this.clock.now());
    }
  }

  /** Bytes someone stored again after the check (an upload whose row committed after it) are theirs now, and stay. */
  private readonly deleteBytes = (key: string, checked: Date) => this.storage.delete(key, { unlessWrittenSince: checked });
}
