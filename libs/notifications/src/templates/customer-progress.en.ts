import type { FileNotAttached } from '@firsthand/domain';
import type { CopyBlock } from './message-copy.js';
import type { CustomerProgressCopybook } from './customer-progress.js';

const WHY_NOT_ATTACHED: Record<FileNotAttached['why'], string> = {
  type: 'we do not accept this type of file',
  size: 'too large',
  count: 'too many files in one message',
};

function filesNotAttached(files: readonly FileNotAttached[]): CopyBlock[] {
  const lines = files.map((f) => (f.unnamed ? `…and ${f.unnamed} more files: ${WHY_NOT_ATTACHED[f.why]}` : `${f.filename}: ${WHY_NOT_ATTACHED[f.why]}`));
  // What helps depends on what stopped them: fewer files at a time, or another format or size.
  const advice = [
    ...(files.some((f) => f.why === 'count') ? ['You can send the others in another message, fewer at a time.'] : []),
    ...(files.some((f) => f.why !== 'count') ? ['You can add files again on your tracking page, in another format or smaller.'] : []),
  ];
  return [{ quote: lines.join('\n') }, { paragraph: advice.join(' ') }];
}

export const customerProgressEn: CustomerProgressCopybook = {
  trackAction: 'Follow your issue',
  copyPreface: 'You get a copy of this message because the customer copied you on their mail. Reply to all to answer.',
  signature: 'Firsthand Support',
  threadSubject: (ticketSubject, ticketCode, answering) => `${answering ? 'Re: ' : ''}[${ticketCode}] ${ticketSubject}`,

  received: ({ ticketCode, subject, firstResponseBy, filesNotAttached: lost }, { time, shortTime }) => ({
    blocks: [
      { paragraph: `We received your issue “${subject}” (${ticketCode}). You will have a first answer by ${time(firstResponseBy)} at the latest.` },
      ...(lost?.length ? [{ paragraph: 'These files of your mail could not be attached:' }, ...filesNotAttached(lost)] : []),
      { paragraph: 'Whoever answers you first stays with your issue, personally, until it is resolved. You can follow it live, and reply, on your tracking page.' },
    ],
    sms: `Firsthand: we received ${ticketCode}; first answer by ${shortTime(firstResponseBy)}.`,
  }),

  automatic_answer: ({ ticketCode, subject, firstResponseBy, answer }, { time, shortTime, automaticAnswerUrls }) => ({
    blocks: [
      { paragraph: `Automatic answer: this article from our help center was picked by our assistant, not written by a person. We think it answers your issue “${subject}” (${ticketCode}).` },
      { article: answer },
      { paragraph: 'Did this solve it? Tell us on your tracking page:' },
      { action: 'This solved it', url: automaticAnswerUrls.solved },
      { action: 'I need a person', url: automaticAnswerUrls.needPerson },
      { paragraph: `If you need a person, one of us answers by ${time(firstResponseBy)} at the latest. Replying to this email also brings in a person.` },
    ],
    sms: `Firsthand: automatic answer to ${ticketCode} on your tracking page; need a person? One answers by ${shortTime(firstResponseBy)}.`,
  }),

  claimed: ({ ticketCode, subject, agentName }) => ({
    blocks: [
      { paragraph: `${agentName} is now handling your issue “${subject}” and will follow it personally until it is resolved.` },
      { paragraph: 'You can follow every step, and reply, on your tracking page.' },
    ],
    sms: `Firsthand: ${agentName} is now handling your issue ${ticketCode}.`,
  }),

  agent_replied: ({ ticketCode, subject, agentName, replyBody, claimedTicket, awaitingReply }, { copy }) => ({
    blocks: [
      ...(claimedTicket ? [{ paragraph: `${agentName} is now handling your issue “${subject}” and will follow it personally until it is resolved.` }] : []),
      { paragraph: `${agentName} replied${claimedTicket ? '' : ` about “${subject}”`}${awaitingReply ? ' and is waiting for your reply' : ''}:` },
      { quote: replyBody },
      ...(copy
        ? []
        : [
            {
              paragraph: awaitingReply
                ? `Please reply to this email or answer on your tracking page; your issue stays with ${agentName} in the meantime.`
                : 'Reply to this email, or answer on your tracking page.',
            },
          ]),
    ],
    sms: `Firsthand ${ticketCode}, ${agentName}: ${replyBody}`,
  }),

  pending_customer: ({ ticketCode, subject, agentName }) => ({
    blocks: [
      { paragraph: `${agentName} needs a reply from you to go on with “${subject}”.` },
      { paragraph: `Please reply to this email or answer on your tracking page; your issue stays with ${agentName} in the meantime.` },
    ],
    sms: `Firsthand: ${agentName} is waiting for your reply on ${ticketCode}.`,
  }),

  resolved: ({ ticketCode, subject, agentName, alreadyRated, resolution }, { ratingUrl, copy }) => ({
    blocks: [
      { paragraph: resolution ? `${agentName} has resolved your issue “${subject}”:` : `${agentName} has resolved your issue “${subject}”.` },
      ...(resolution ? [{ quote: resolution }] : []),
      ...(copy ? [] : [{ paragraph: 'If it is not solved for you, reopen it from your tracking page and it goes back to the same person.' }]),
      ...(alreadyRated || copy ? [] : [{ paragraph: 'How did we do? Your rating takes ten seconds.' }, { action: 'Rate the service', url: ratingUrl }]),
    ],
    sms: alreadyRated ? `Firsthand: ${ticketCode} is resolved. Not solved? Reopen it:` : `Firsthand: ${ticketCode} is resolved. Not solved? Reopen it, or rate us:`,
  }),

  reopened: ({ ticketCode, subject, agentName, nextUpdateAt }, { time }) => ({
    blocks: [{ paragraph: `Your issue “${subject}” is open again, and ${agentName}, who handled it before, is on it.${nextUpdateAt ? ` You will hear from us by ${time(nextUpdateAt)} at the latest.` : ''}` }],
    sms: `Firsthand: ${ticketCode} is open again; ${agentName} is on it.`,
  }),

  next_update: ({ ticketCode, subject, agentName, nextUpdateAt, reopened }, { time, shortTime }) => ({
    blocks: [
      {
        paragraph: reopened
          ? `Your issue “${subject}” is open again, and ${agentName}, who handled it before, is on it. You will hear from us by ${time(nextUpdateAt)} at the latest.`
          : `${agentName} is working on your issue “${subject}”. You will hear from us by ${time(nextUpdateAt)} at the latest.`,
      },
    ],
    sms: reopened ? `Firsthand: ${ticketCode} is open again; next update by ${shortTime(nextUpdateAt)}.` : `Firsthand: next update on ${ticketCode} by ${shortTime(nextUpdateAt)}.`,
  }),

  closed: ({ ticketCode, subject }) => ({
    blocks: [
      { paragraph: `Your issue “${subject}” is now closed. Thank you for your patience.` },
      { paragraph: `If the problem comes back, contact us again and mention ${ticketCode}.` },
    ],
    sms: `Firsthand: ${ticketCode} is closed. Thank you.`,
  }),

  files_not_attached: ({ ticketCode, subject, files }) => ({
    blocks: [{ paragraph: `We received your message about “${subject}” (${ticketCode}), but could not attach these files:` }, ...filesNotAttached(files)],
    sms: `Firsthand: some files of your message on ${ticketCode} could not be attached. Add them again:`,
  }),
};
