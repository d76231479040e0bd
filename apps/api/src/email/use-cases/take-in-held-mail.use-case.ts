import { Injectable } from '@nestjs/common';
import { assertMayTakeIn, InboundMailNotFound, refuseWhileSenderIsErased } from '@firsthand/domain';
import type { MailTakeInAnswer } from '@firsthand/http-contracts';
import { heldMailFacts, HeldMailTakeIns } from '@firsthand/persistence';
import type { AuthenticatedAgent } from '../../auth/authenticated-agent.js';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { RequestLimits } from '../../limits/request-limits.js';

/**
 * A supervisor takes in a mail that was held back (quarantined for its sender's rate, or ignored as
 * automatic mail). Decided under the mail's row lock; the request row (the worker's job) and its
 * audit entry are written in one transaction, so a refusal changes nothing and an accepted request
 * is never lost. A request the worker gave up on (failures that may pass) is started over, with an
 * audit entry of its own. The worker takes the mail in as a new mail would be.
 */
@Injectable()
export class TakeInHeldMail {
  constructor(
    private readonly takeIns: HeldMailTakeIns,
    private readonly audit: AuditTrail,
    private readonly limits: RequestLimits,
  ) {}

  async run(agent: AuthenticatedAgent, mailId: string, scene: AuditScene): Promise<MailTakeInAnswer> {
    await this.limits.mailTakeIn(`agent:${agent.id}`);
    return this.audit.inside(scene, async (tx) => {
      const mail = await this.takeIns.lockMail(mailId, tx);
      if (!mail) throw new InboundMailNotFound();
      assertMayTakeIn(heldMailFacts(mail), mail.ticketId);
      if (mail.fromAddress && (await this.takeIns.senderBeingErased(mail.fromAddress, tx))) refuseWhileSenderIsErased();
      await this.takeIns.request(mailId, agent.id, tx);
      return {
        result: { mailId, state: 'requested' as const },
        // The audit log is never rewritten (an erasure cannot reach it): it names the mail and where it came in, not who sent it.
        entries: [{ action: 'inbound_mail.take_in_requested', target: { type: 'inbound_mail', id: mailId, label: mail.mailbox }, before: { status: mail.outcome, reason: mail.heldFor, ...(mail.takeIn ? { takeIn: mail.takeIn.state } : {}) }, after: { status: 'take_in_requested' } }],
      };
    });
  }
}
