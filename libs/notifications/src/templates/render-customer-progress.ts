import type { CustomerProgressKind, Locale } from '@firsthand/domain';
import type { CustomerCopy, CustomerCopyContext, CustomerProgressCopybook, CustomerProgressVars } from './customer-progress.js';
import { customerProgressEn } from './customer-progress.en.js';
import { customerProgressZhCn } from './customer-progress.zh-cn.js';
import { formatLocalTime, formatShortLocalTime } from './local-time.js';
import { renderEmail, type RenderedEmail } from './message-copy.js';
import type { NotificationSite } from './notification-site.js';
import { ratingUrl, trackingUrl } from './notification-links.js';
import { fitSms } from './sms-text.js';

const COPYBOOKS: Record<Locale, CustomerProgressCopybook> = { en: customerProgressEn, 'zh-CN': customerProgressZhCn };

export interface RenderedCustomerProgress extends RenderedEmail {
  /** One SMS where possible (160 GSM-7 / 70 UCS-2 units), always ending with the tracking link. */
  sms: string;
}

/**
 * A progress message to a customer, in their locale, for email and SMS. `customerLink` is the
 * customer's own tracking link (with their token in the fragment) when the caller can make one;
 * without it the message links the tracking page, which asks for the token.
 */
export function renderCustomerProgress<K extends CustomerProgressKind>(
  kind: K,
  locale: Locale,
  vars: CustomerProgressVars[K],
  site: NotificationSite,
  customerLink?: string,
  /**
   * `copy`: for someone the customer copied: why they get it first, and no link to the customer's page, which only the customer's token opens.
   * `answering`: false for a first email that answers no mail of the customer's (a web form's acknowledgement): its subject has no "Re:".
   */
  { copy = false, answering = true }: { copy?: boolean; answering?: boolean } = {},
): RenderedCustomerProgress {
  const copybook = COPYBOOKS[locale];
  const link = customerLink ?? trackingUrl(site.publicBaseUrl, vars.ticketCode);
  const write = copybook[kind] as (v: CustomerProgressVars[K], c: CustomerCopyContext) => Omit<CustomerCopy, 'signature'>;
  const words = write(vars, {
    copy,
    ratingUrl: customerLink ? atFragment(customerLink, 'rate') : ratingUrl(site.publicBaseUrl, vars.ticketCode),
    automaticAnswerUrls: { solved: atFragment(link, 'automatic-answer=solved'), needPerson: atFragment(link, 'automatic-answer=need-person') },
    time: (at) => formatLocalTime(at, locale, site.timeZone),
    shortTime: (at) => formatShortLocalTime(at, locale, site.timeZone),
  });
  const subject = copybook.threadSubject(withoutReplyPrefixes(vars.subject), vars.ticketCode, answering);
  const blocks = copy ? [{ paragraph: copybook.copyPreface }, ...words.blocks] : [...words.blocks, { action: copybook.trackAction, url: link }];
  const email = renderEmail({ ...words, subject, blocks, signature: copybook.signature }, locale);
  return { ...email, sms: fitSms(words.sms, link) };
}

/** "RE: Fwd: AW: Invoice" is about "Invoice": our one "Re:" goes before the code (English, German, Nordic, French and Chinese clients' prefixes). */
const REPLY_PREFIXES = /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|antw|回复|回覆|答复|转发|轉寄|转寄)\s*(?:\[\d{1,3}\])?\s*[:：]\s*)+/i;

function withoutReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIXES, '') || subject;
}

/** The link with a part added to its fragment (the customer's link keeps its token there, read by the page, never sent to the server). */
function atFragment(link: string, part: string): string {
  return `${link}${link.includes('#') ? '&' : '#'}${part}`;
}
