import { Inject, Injectable, Logger } from '@nestjs/common';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, closeForErasure, ERASURE_STEPS, erasedCustomerName, nextErasureStep, SYSTEM_AUDIT_ACTOR, type ErasureStep } from '@firsthand/domain';
import { AuditLog, CustomerDataReader, CustomerErasures, CustomerExports, type CustomerErasureRecord } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How often the last step erases what it found left before it gives up for this sweep (the erasure resumes at the next). */
const LAST_STEP_ROUNDS = 5;
/** The steps the last one runs again on what it finds left. */
const STEPS_BEFORE_THE_RECORD = ERASURE_STEPS.filter((step) => step !== 'customer_record');

/** What every step works on, read once per run (the addresses before the record step removes them). */
interface ErasureScope {
  customerId: string;
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
      customerId: erasure.customerId,
      customerIds,
      ticketIds: await this.reader.ticketIds(customerIds),
      addresses: await this.erasures.addresses(customerIds),
      erasedName: erasedCustomerName(erasure.number),
    };
    const stepPause = this.config.dataRights.erasureStepPauseMs;
    const renewLease = () => this.erasures.renewLease(erasure.id, leaseMs);
    for (let done = erasure.stepsDone, step = nextErasureStep(done); step; step = nextErasureStep(++done)) {
      if (done > erasure.stepsDone && stepPause > 0) {
        await this.erasures.renewLease(erasure.id, leaseMs + stepPause);
        await pause(stepPause);
      }
      await renewLease();
      await this.runStep(step, scope, renewLease);
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

  private async runStep(step: ErasureStep, scope: ErasureScope, renewLease: () => Promise<void>): Promise<void> {
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
        return this.eraseRecordsLast(scope, renewLease);
    }
  }

  /**
   * The record goes last, under its lock, which an opening for the customer takes (and their act on
   * a ticket asks under the ticket's, which the texts step waits for): anything of theirs the steps
   * before left (added by a way that did not ask, or missed by a run that died after listing) is
   * erased by those steps first, until nothing is left; then the record, before anything more can come.
   */
  private async eraseRecordsLast(scope: ErasureScope, renewLease: () => Promise<void>): Promise<void> {
    for (let round = 1; ; round++) {
      const found = await this.erasures.eraseRecordsUnlessMoreIsLeft(scope.customerId, scope.addresses, scope.erasedName, this.clock.now());
      if (found.erased) return;
      if (round === LAST_STEP_ROUNDS) throw new Error(`still finding the customer's data left after ${round} rounds (${found.ticketIds.length} ticket(s))`);
      this.logger.log(`Erasure of ${scope.customerId}: erasing what reached the record meanwhile (${found.ticketIds.length} ticket(s), mails from them: ${found.mailsFromThem})`);
      const left = { ...scope, ticketIds: found.ticketIds };
      for (const step of STEPS_BEFORE_THE_RECORD) {
        await renewLease();
        await this.runStep(step, left, renewLease);
      }
      scope.ticketIds = [...new Set([...scope.ticketIds, ...found.ticketIds])];
    }
  }

  /** Bytes someone stored again after the check (an upload whose row committed after it) are theirs now, and stay. */
  private readonly deleteBytes = (key: string, checked: Date) => this.storage.delete(key, { unlessWrittenSince: checked });
}
