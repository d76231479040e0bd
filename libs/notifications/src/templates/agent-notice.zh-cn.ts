import type { SlaTarget } from '@firsthand/domain';
import type { AgentNoticeCopybook } from './agent-notice.js';

const TARGET: Record<SlaTarget, string> = { first_response: '首次响应', next_update: '承诺的进度更新', resolution: '解决' };

export const agentNoticeZhCn: AgentNoticeCopybook = {
  openAction: '打开工单',
  signature: 'Firsthand',

  sla_warning: ({ ticketCode, subject, target, dueAt }, { time }) => ({
    subject: `【${ticketCode}】${TARGET[target]}即将到期`,
    blocks: [{ paragraph: `“${subject}”的${TARGET[target]}时限为 ${time(dueAt)}，已过去 80% 的时间。` }],
  }),

  sla_escalated: ({ ticketCode, subject, target, dueAt, stage, ownerName }, { time }) => ({
    subject: `【${ticketCode}】已升级：${TARGET[target]}${stage === 'critical' ? '严重超时' : '已超时'}`,
    blocks: [
      {
        paragraph:
          stage === 'critical'
            ? `“${subject}”的${TARGET[target]}时限为 ${time(dueAt)}，现已超出目标 50%。`
            : `“${subject}”的${TARGET[target]}时限为 ${time(dueAt)}，现已超时。`,
      },
      { paragraph: ownerName ? `该工单仍由 ${ownerName} 负责；请协助处理或重新分配。` : '该工单尚无人认领。' },
    ],
  }),

  update_reminder: ({ ticketCode, subject, dueAt }, { time }) => ({
    subject: `【${ticketCode}】客户正在等待进度更新`,
    blocks: [{ paragraph: `您承诺在 ${time(dueAt)} 前向客户更新“${subject}”的进度，请尽快更新。` }],
  }),

  customer_replied: ({ ticketCode, subject, customerName, replyBody, unverifiedFrom, copiedFrom }) =>
    copiedFrom !== undefined
      ? { subject: `【${ticketCode}】${copiedFrom}（${customerName} 抄送的人）回复了`, blocks: [{ paragraph: `${customerName} 抄送的 ${copiedFrom} 就“${subject}”回复：` }, { quote: replyBody }] }
      : unverifiedFrom === undefined
      ? { subject: `【${ticketCode}】${customerName} 回复了`, blocks: [{ paragraph: `${customerName} 就“${subject}”回复：` }, { quote: replyBody }] }
      : {
          subject: `【${ticketCode}】来自 ${unverifiedFrom} 的未验证邮件`,
          blocks: [
            { paragraph: `一封来自 ${unverifiedFrom} 的邮件进入了“${subject}”，无法确认是 ${customerName} 本人所发：请核实后再据此操作。它本身没有改变工单，${customerName} 的页面也不显示它。` },
            { quote: replyBody },
          ],
        },

  handoff_withdrawn: ({ ticketCode, subject, ownerName }) => ({
    subject: `【${ticketCode}】${ownerName} 撤回了转交`,
    blocks: [{ paragraph: `${ownerName} 不再请您接手“${subject}”，仍由其负责。` }],
  }),

  handoff_declined: ({ ticketCode, subject, declinedBy }) => ({
    subject: `【${ticketCode}】${declinedBy} 拒绝接手`,
    blocks: [{ paragraph: `${declinedBy} 拒绝接手您转交的“${subject}”。工单仍由您负责：请答复客户，或转交给其他同事。` }],
  }),

  handoff_proposed: ({ ticketCode, subject, fromAgentName, note }) => ({
    subject: `【${ticketCode}】${fromAgentName} 请您接手`,
    blocks: [
      { paragraph: `${fromAgentName} 提议将“${subject}”转交给您。在您接受之前，仍由 ${fromAgentName} 负责。` },
      { quote: note },
    ],
  }),

  reassigned: ({ ticketCode, subject, supervisorName, toAgentName, reason }) => ({
    subject: `【${ticketCode}】已重新分配给 ${toAgentName}`,
    blocks: [{ paragraph: `${supervisorName} 已将“${subject}”重新分配给 ${toAgentName}。原因：` }, { quote: reason }],
  }),

  repeat_contact: ({ ticketCode, subject, customerName, earlierTicketCode }) => ({
    subject: `【${ticketCode}】${customerName} 再次联系`,
    blocks: [{ paragraph: `${customerName} 在您处理的 ${earlierTicketCode} 之后不久提交了“${subject}”（${ticketCode}），已优先分配给您。` }],
  }),

  reopened: ({ ticketCode, subject, customerName, reopenCount }) => ({
    subject: `【${ticketCode}】${customerName} 重新打开了工单`,
    blocks: [{ paragraph: `${customerName} 重新打开了“${subject}”（第 ${reopenCount} 次）。它已回到您的工单列表中。` }],
  }),

  escalation_requested: ({ ticketCode, subject, ownerName, reason }) => ({
    subject: `【${ticketCode}】${ownerName} 请求您协助`,
    blocks: [
      { paragraph: `${ownerName} 升级了“${subject}”，您已成为关注人。工单仍由 ${ownerName} 负责。原因：` },
      { quote: reason },
    ],
  }),
};
