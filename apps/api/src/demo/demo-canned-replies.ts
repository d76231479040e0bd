import { CANNED_REPLY_LIMITS, type ActingAgent } from '@firsthand/domain';
import type { CannedReplyContent, CannedReplyStore } from '@firsthand/persistence';

const TEAM_REPLIES: CannedReplyContent[] = [
  {
    title: 'Looking into it',
    shortcut: 'looking',
    bodyEn: 'Hi {{customer.name}}, this is {{agent.name}}. I am looking into {{ticket.code}} now and will update you by {{ticket.next_update_due}}.',
    bodyZhCn: '{{customer.name}}您好，我是{{agent.name}}。我正在处理您的问题（{{ticket.code}}），会在{{ticket.next_update_due}}前给您回复。',
  },
  {
    title: 'Refund on its way',
    shortcut: 'refund',
    bodyEn: 'Hi {{customer.name}}, your refund for {{ticket.code}} has been issued; it usually reaches your account within 3-5 working days.',
    bodyZhCn: '{{customer.name}}您好，工单{{ticket.code}}的退款已经发起，通常 3-5 个工作日内到账。',
  },
];

/** A few team replies for Front Desk (written by its supervisor) and a personal one, so `/` in the composer has something to show. */
export async function seedDemoCannedReplies(store: CannedReplyStore, frontDeskId: string, supervisor: ActingAgent, agent: ActingAgent): Promise<void> {
  for (const reply of TEAM_REPLIES) await store.create({ scope: 'team', teamId: frontDeskId }, reply, supervisor.id, CANNED_REPLY_LIMITS.perTeam);
  await store.create(
    { scope: 'personal', agentId: agent.id },
    { title: 'Thanks for waiting', shortcut: 'thanks', bodyEn: 'Thank you for your patience, {{customer.name}}.', bodyZhCn: '感谢您的耐心等待，{{customer.name}}。' },
    agent.id,
    CANNED_REPLY_LIMITS.personalPerAgent,
  );
}
