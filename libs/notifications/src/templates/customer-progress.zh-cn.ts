import type { FileNotAttached } from '@firsthand/domain';
import type { CopyBlock } from './message-copy.js';
import type { CustomerProgressCopybook } from './customer-progress.js';

const WHY_NOT_ATTACHED: Record<FileNotAttached['why'], string> = {
  type: '不支持此类文件',
  size: '文件过大',
  count: '单条消息附件过多',
};

function filesNotAttached(files: readonly FileNotAttached[]): CopyBlock[] {
  const lines = files.map((f) => (f.unnamed ? `……另有 ${f.unnamed} 个文件：${WHY_NOT_ATTACHED[f.why]}` : `${f.filename}：${WHY_NOT_ATTACHED[f.why]}`));
  const advice = [
    ...(files.some((f) => f.why === 'count') ? ['其余文件请分几次另行发送。'] : []),
    ...(files.some((f) => f.why !== 'count') ? ['您可以在进度页面以其他格式或更小的文件重新添加。'] : []),
  ];
  return [{ quote: lines.join('\n') }, { paragraph: advice.join('') }];
}

export const customerProgressZhCn: CustomerProgressCopybook = {
  trackAction: '查看处理进度',
  copyPreface: '客户在邮件中抄送了您，因此您收到这封邮件的副本。如需答复，请点“全部回复”。',
  signature: 'Firsthand 客服',
  threadSubject: (ticketSubject, ticketCode, answering) => `${answering ? 'Re: ' : ''}【${ticketCode}】${ticketSubject}`,

  received: ({ ticketCode, subject, firstResponseBy, filesNotAttached: lost }, { time, shortTime }) => ({
    blocks: [
      { paragraph: `我们已收到您的问题“${subject}”（${ticketCode}），最迟将于 ${time(firstResponseBy)} 前首次答复您。` },
      ...(lost?.length ? [{ paragraph: '您邮件中的以下附件未能添加：' }, ...filesNotAttached(lost)] : []),
      { paragraph: '第一位答复您的客服将全程负责，直到问题解决。您可以在进度页面实时查看进展，也可以直接回复。' },
    ],
    sms: `【Firsthand】已收到${ticketCode}，${shortTime(firstResponseBy)}前答复：`,
  }),

  automatic_answer: ({ ticketCode, subject, firstResponseBy, answer }, { time, automaticAnswerUrls }) => ({
    blocks: [
      { paragraph: `自动回复：以下帮助中心文章由系统自动选出，并非人工撰写。我们认为它可以解答您的问题“${subject}”（${ticketCode}）。` },
      { article: answer },
      { paragraph: '问题解决了吗？请在进度页面告诉我们：' },
      { action: '问题已解决', url: automaticAnswerUrls.solved },
      { action: '我需要人工客服', url: automaticAnswerUrls.needPerson },
      { paragraph: `如需人工客服，我们最迟将于 ${time(firstResponseBy)} 前答复您。直接回复此邮件也会转交人工处理。` },
    ],
    sms: `【Firsthand】${ticketCode}已有自动回复，如需人工客服请在进度页选择：`,
  }),

  claimed: ({ ticketCode, subject, agentName }) => ({
    blocks: [
      { paragraph: `${agentName} 正在处理您的问题“${subject}”，并将全程负责跟进，直到问题解决。` },
      { paragraph: '您可以在进度页面查看每一步进展，也可以直接回复。' },
    ],
    sms: `【Firsthand】${agentName} 正在处理您的问题：`,
  }),

  agent_replied: ({ ticketCode, subject, agentName, replyBody, claimedTicket, awaitingReply }, { copy }) => ({
    blocks: [
      ...(claimedTicket ? [{ paragraph: `${agentName} 正在处理您的问题“${subject}”，并将全程负责跟进，直到问题解决。` }] : []),
      { paragraph: `${agentName} ${claimedTicket ? '' : `就“${subject}”`}回复您${awaitingReply ? '，正在等待您的回复' : ''}：` },
      { quote: replyBody },
      ...(copy ? [] : [{ paragraph: awaitingReply ? `请直接回复此邮件或在进度页面回复；在此期间，您的问题仍由 ${agentName} 负责。` : '您可以直接回复此邮件，或在进度页面回复。' }]),
    ],
    sms: `【Firsthand】${agentName} 回复：${replyBody}`,
  }),

  pending_customer: ({ ticketCode, subject, agentName }) => ({
    blocks: [
      { paragraph: `${agentName} 需要您的回复，才能继续处理“${subject}”。` },
      { paragraph: `请直接回复此邮件或在进度页面回复；在此期间，您的问题仍由 ${agentName} 负责。` },
    ],
    sms: `【Firsthand】${agentName} 正在等待您的回复：`,
  }),

  resolved: ({ ticketCode, subject, agentName, alreadyRated, resolution }, { ratingUrl, copy }) => ({
    blocks: [
      { paragraph: resolution ? `${agentName} 已解决您的问题“${subject}”：` : `${agentName} 已解决您的问题“${subject}”。` },
      ...(resolution ? [{ quote: resolution }] : []),
      ...(copy ? [] : [{ paragraph: '如果问题仍未解决，您可以在进度页面重新打开，仍由同一位客服跟进。' }]),
      ...(alreadyRated || copy ? [] : [{ paragraph: '欢迎为本次服务评分，只需十秒钟。' }, { action: '为服务评分', url: ratingUrl }]),
    ],
    sms: alreadyRated ? `【Firsthand】您的问题已解决，如未解决可重新打开：` : `【Firsthand】您的问题已解决，欢迎评价或重新打开：`,
  }),

  reopened: ({ ticketCode, subject, agentName, nextUpdateAt }, { time }) => ({
    blocks: [{ paragraph: nextUpdateAt ? `您的问题“${subject}”已重新打开，仍由之前处理的 ${agentName} 继续跟进，最迟将于 ${time(nextUpdateAt)} 前告知您最新进展。` : `您的问题“${subject}”已重新打开，仍由之前处理的 ${agentName} 继续跟进。` }],
    sms: `【Firsthand】问题已重新打开，${agentName} 继续跟进：`,
  }),

  next_update: ({ ticketCode, subject, agentName, nextUpdateAt, reopened }, { time, shortTime }) => ({
    blocks: [
      {
        paragraph: reopened
          ? `您的问题“${subject}”已重新打开，仍由之前处理的 ${agentName} 继续跟进，最迟将于 ${time(nextUpdateAt)} 前告知您最新进展。`
          : `${agentName} 正在处理您的问题“${subject}”，最迟将于 ${time(nextUpdateAt)} 前告知您最新进展。`,
      },
    ],
    sms: reopened ? `【Firsthand】问题已重新打开，${shortTime(nextUpdateAt)} 前更新进度：` : `【Firsthand】${shortTime(nextUpdateAt)} 前更新进度：`,
  }),

  closed: ({ ticketCode, subject }) => ({
    blocks: [
      { paragraph: `您的问题“${subject}”已关闭，感谢您的耐心。` },
      { paragraph: `如果问题再次出现，请联系我们并提供编号 ${ticketCode}。` },
    ],
    sms: '【Firsthand】您的问题已关闭，感谢您的耐心：',
  }),

  files_not_attached: ({ ticketCode, subject, files }) => ({
    blocks: [{ paragraph: `我们已收到您关于“${subject}”（${ticketCode}）的留言，但以下附件未能添加：` }, ...filesNotAttached(files)],
    sms: `【Firsthand】${ticketCode}部分附件未能添加，请重新添加：`,
  }),
};
