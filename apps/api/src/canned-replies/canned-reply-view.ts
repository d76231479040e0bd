import { mayEditCannedReply, type ActingAgent } from '@firsthand/domain';
import type { CannedReplyView } from '@firsthand/http-contracts';
import type { CannedReplyRecord } from '@firsthand/persistence';

export function cannedReplyView(reply: CannedReplyRecord, agent: ActingAgent): CannedReplyView {
  return {
    id: reply.id,
    scope: reply.scope,
    ownerId: reply.ownerId,
    teamId: reply.teamId,
    title: reply.title,
    shortcut: reply.shortcut,
    bodyEn: reply.bodyEn,
    bodyZhCn: reply.bodyZhCn,
    useCount: reply.useCount,
    lastUsedAt: reply.lastUsedAt?.toISOString() ?? null,
    mayEdit: mayEditCannedReply(agent, reply),
    createdAt: reply.createdAt.toISOString(),
    updatedAt: reply.updatedAt.toISOString(),
  };
}
