import { Injectable, Logger } from '@nestjs/common';
import { AUDIT_USER_AGENT_MAX, maskSecrets, type AuditActor, type AuditEntryDraft, type AuditOrigin } from '@firsthand/domain';
import { AuditLog, Transactions } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';

/** Who acts and from where: built once per request by `@AuditSceneOf()`, handed to use cases. */
export interface AuditScene {
  actor: AuditActor;
  origin: AuditOrigin;
}

/** An entry whose actor is learnt during the work (a board session's owner), not from the request. */
export type ScenedEntry = AuditEntryDraft & { actor?: AuditActor };

/**
 * Records administrative and supervisory acts in the audit log, secrets masked. Prefer `inside`
 * or `record(…, tx)`: the entry then commits with the change it describes, and a refused or
 * rolled-back request leaves none (a store that runs its own transaction takes a `within` for it).
 * `recordAlone` is for acts with nothing transactional to join (a sign-in, an export).
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    private readonly log: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  /** Appends the entry inside the caller's transaction `tx`. */
  record(scene: AuditScene, draft: AuditEntryDraft, tx: EntityManager): Promise<void> {
    return this.log.append(this.entry(scene, draft), tx);
  }

  /**
   * Runs `work` in one transaction and appends what it returns as entries in that same
   * transaction; a throw anywhere rolls back both the change and its entries.
   */
  async inside<T>(scene: AuditScene, work: (tx: EntityManager) => Promise<{ result: T; entries: ScenedEntry[] }>): Promise<T> {
    return this.transactions.run(async (tx) => {
      const { result, entries } = await work(tx);
      for (const { actor, ...draft } of entries) await this.record(actor ? { ...scene, actor } : scene, draft, tx);
      return result;
    });
  }

  /**
   * Appends on its own. A failure to record is logged, never thrown: the act already happened, and
   * an audit outage must not turn a sign-in into a 500 (it is what the log line is for).
   */
  async recordAlone(scene: AuditScene, draft: AuditEntryDraft): Promise<void> {
    try {
      await this.log.append(this.entry(scene, draft));
    } catch (error) {
      this.logger.error(`Audit entry ${draft.action} not recorded: ${(error as Error).message}`);
    }
  }

  private entry(scene: AuditScene, draft: AuditEntryDraft) {
    return {
      actor: scene.actor,
      origin: { ...scene.origin, userAgent: scene.origin.userAgent?.slice(0, AUDIT_USER_AGENT_MAX) ?? null },
      action: draft.action,
      target: { type: draft.target.type, id: draft.target.id, label: draft.target.label?.slice(0, 300) ?? null },
      before: draft.before === undefined ? undefined : maskSecrets(draft.before),
      after: draft.after === undefined ? undefined : maskSecrets(draft.after),
    };
  }
}
