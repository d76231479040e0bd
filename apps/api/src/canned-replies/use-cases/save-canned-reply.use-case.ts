import { Injectable } from '@nestjs/common';
import {
  assertMayEditCannedReply,
  assertMayManageTeamReplies,
  CANNED_REPLY_LIMITS,
  CannedReplyLimitReached,
  CannedReplyNotFound,
  CannedReplyShortcutTaken,
  UnknownPlaceholders,
  unknownPlaceholders,
  type ActingAgent,
} from '@firsthand/domain';
import { CannedReplyStore, TeamStore, type CannedReplyContent, type CannedReplyRecord, type CannedReplyWrite, type WithinWrite } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { RequestValidationFailed } from '../../http/problem.js';
import type { CreateCannedReplyDto, UpdateCannedReplyDto } from '../dto/canned-reply-requests.dto.js';

/** Creates and changes canned replies: ownership by the domain's rule, placeholders checked before anything is written. */
@Injectable()
export class SaveCannedReply {
  constructor(
    private readonly replies: CannedReplyStore,
    private readonly teams: TeamStore,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Team replies are the team's shared words, kept by its seniors and supervisors: each change's
   * audit entry is written in the store's own transaction, so the two commit together or not at all.
   * Personal replies are nobody else's business and not audited.
   */
  private audited(scene: AuditScene | undefined, action: 'canned_reply.created' | 'canned_reply.changed' | 'canned_reply.deleted', before: CannedReplyRecord | null): WithinWrite<CannedReplyRecord> | undefined {
    if (!scene) return undefined;
    const shape = (r: CannedReplyRecord | null) => r && { teamId: r.teamId, title: r.title, shortcut: r.shortcut, bodyEn: r.bodyEn, bodyZhCn: r.bodyZhCn };
    return async (tx, written) => {
      if (written.scope !== 'team') return;
      const after = action === 'canned_reply.deleted' ? null : written;
      await this.audit.record(scene, { action, target: { type: 'canned_reply', id: written.id, label: written.title }, before: shape(before), after: shape(after) }, tx);
    };
  }

  async create(agent: ActingAgent, input: CreateCannedReplyDto, scene?: AuditScene): Promise<CannedReplyRecord> {
    const content = checkedContent({ title: input.title, shortcut: input.shortcut, bodyEn: input.bodyEn ?? null, bodyZhCn: input.bodyZhCn ?? null });
    if (input.scope === 'personal') {
      if (input.teamId) throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId is for team replies only'] }]);
      return this.saved(await this.replies.create({ scope: 'personal', agentId: agent.id }, content, agent.id, CANNED_REPLY_LIMITS.personalPerAgent), content, 'personal');
    }
    const teamId = input.teamId ?? agent.teamId;
    if (!teamId) throw new RequestValidationFailed([{ field: 'teamId', messages: ['you belong to no team: name the team'] }]);
    assertMayManageTeamReplies(agent, teamId);
    if (!(await this.teams.exists(teamId))) throw new RequestValidationFailed([{ field: 'teamId', messages: ['no such team'] }]);
    return this.saved(await this.replies.create({ scope: 'team', teamId }, content, agent.id, CANNED_REPLY_LIMITS.perTeam, this.audited(scene, 'canned_reply.created', null)), content, 'team');
  }

  async update(agent: ActingAgent, id: string, change: UpdateCannedReplyDto, scene?: AuditScene): Promise<CannedReplyRecord> {
    const reply = await this.replies.find(id);
    if (!reply) throw new CannedReplyNotFound();
    assertMayEditCannedReply(agent, reply);
    const content = checkedContent({
      title: change.title ?? reply.title,
      shortcut: change.shortcut ?? reply.shortcut,
      bodyEn: change.bodyEn === undefined ? reply.bodyEn : change.bodyEn,
      bodyZhCn: change.bodyZhCn === undefined ? reply.bodyZhCn : change.bodyZhCn,
    });
    return this.saved(await this.replies.update(id, content, this.audited(scene, 'canned_reply.changed', reply)), content, reply.scope);
  }

  async delete(agent: ActingAgent, id: string, scene?: AuditScene): Promise<void> {
    const reply = await this.replies.find(id);
    if (!reply) throw new CannedReplyNotFound();
    assertMayEditCannedReply(agent, reply);
    if (!(await this.replies.delete(id, this.audited(scene, 'canned_reply.deleted', reply)))) throw new CannedReplyNotFound();
  }

  private saved(write: CannedReplyWrite, content: CannedReplyContent, scope: CannedReplyRecord['scope']): CannedReplyRecord {
    switch (write.outcome) {
      case 'saved':
        return write.reply;
      case 'shortcut-taken':
        throw new CannedReplyShortcutTaken(content.shortcut);
      case 'limit-reached':
        throw new CannedReplyLimitReached(scope, scope === 'personal' ? CANNED_REPLY_LIMITS.personalPerAgent : CANNED_REPLY_LIMITS.perTeam);
      case 'not-found':
        throw new CannedReplyNotFound();
    }
  }
}

/** A reply needs a body in at least one language, and only placeholders we can fill. */
function checkedContent(content: CannedReplyContent): CannedReplyContent {
  if (content.bodyEn === null && content.bodyZhCn === null) {
    throw new RequestValidationFailed([{ field: 'bodyEn', messages: ['give bodyEn or bodyZhCn, or both'] }]);
  }
  for (const [field, body] of [['bodyEn', content.bodyEn], ['bodyZhCn', content.bodyZhCn]] as const) {
    const unknown = body === null ? [] : unknownPlaceholders(body);
    if (unknown.length > 0) throw new UnknownPlaceholders(field, unknown);
  }
  return content;
}
