import type { AgentNoticeKind, Locale } from '@firsthand/domain';
import type { AgentCopyContext, AgentNoticeCopybook, AgentNoticeVars } from './agent-notice.js';
import { agentNoticeEn } from './agent-notice.en.js';
import { agentNoticeZhCn } from './agent-notice.zh-cn.js';
import { formatLocalTime } from './local-time.js';
import { renderEmail, type MessageCopy, type RenderedEmail } from './message-copy.js';
import type { NotificationSite } from './notification-site.js';
import { agentTicketUrl } from './notification-links.js';

const COPYBOOKS: Record<Locale, AgentNoticeCopybook> = { en: agentNoticeEn, 'zh-CN': agentNoticeZhCn };

/** An email to an agent, senior or supervisor, with a link to the ticket in the agent console. */
export function renderAgentNotice<K extends AgentNoticeKind>(kind: K, locale: Locale, vars: AgentNoticeVars[K], site: NotificationSite): RenderedEmail {
  const copybook = COPYBOOKS[locale];
  const write = copybook[kind] as (v: AgentNoticeVars[K], c: AgentCopyContext) => Omit<MessageCopy, 'signature'>;
  const copy = write(vars, { time: (at) => formatLocalTime(at, locale, site.timeZone) });
  const link = agentTicketUrl(site.publicBaseUrl, vars.ticketId);
  return renderEmail({ ...copy, blocks: [...copy.blocks, { action: copybook.openAction, url: link }], signature: copybook.signature }, locale);
}
