import { CUSTOMER_PROGRESS_KINDS, LOCALES, type CustomerProgressKind } from '@firsthand/domain';
import type { CustomerProgressVars } from './customer-progress.js';
import { renderCustomerProgress } from './render-customer-progress.js';
import { smsSize } from './sms-text.js';

const site = { publicBaseUrl: 'https://help.example.com/', timeZone: 'Asia/Shanghai' };
const TRACKING = 'https://help.example.com/track/FH-7K3QX';
const NEXT_UPDATE = new Date('2026-03-05T09:30:00Z'); // 17:30 in Shanghai

function varsFor(kind: CustomerProgressKind, fields: { subject: string; agentName: string; replyBody: string }): CustomerProgressVars[CustomerProgressKind] {
  const base = { ticketCode: 'FH-7K3QX', subject: fields.subject, agentName: fields.agentName };
  if (kind === 'agent_replied') return { ...base, replyBody: fields.replyBody };
  if (kind === 'next_update') return { ...base, nextUpdateAt: NEXT_UPDATE };
  if (kind === 'received') return { ticketCode: base.ticketCode, subject: base.subject, firstResponseBy: NEXT_UPDATE };
  if (kind === 'files_not_attached') return { ticketCode: base.ticketCode, subject: base.subject, files: [{ filename: 'setup.exe', why: 'type' }] };
  if (kind === 'automatic_answer') return { ticketCode: base.ticketCode, subject: base.subject, firstResponseBy: NEXT_UPDATE, answer: { title: fields.subject, html: `<p>${fields.replyBody}</p>`, locale: 'en' } };
  return base;
}

const plain = { subject: 'Router keeps dropping the connection', agentName: 'Li Wei', replyBody: 'Please restart the router and tell me what the lights show.' };
const plainZh = { subject: '路由器经常断线', agentName: '李伟', replyBody: '请重启路由器，然后告诉我指示灯的状态。' };
const hostile = {
  subject: '<script>alert("subject")</script> & more',
  agentName: 'Li <b onmouseover="x()">Wei</b>',
  replyBody: '<img src=x onerror=alert(1)>\nsecond line \'quoted\'',
};

const cases = LOCALES.flatMap((locale) => CUSTOMER_PROGRESS_KINDS.map((kind) => [kind, locale] as const));

describe('renderCustomerProgress', () => {
  it.each(cases)('%s (%s) links to the tracking page, without any token, in every form', (kind, locale) => {
    const message = renderCustomerProgress(kind, locale, varsFor(kind, locale === 'en' ? plain : plainZh), site);

    expect(message.subject).toContain('FH-7K3QX');
    expect(message.text).toContain(TRACKING);
    expect(message.html).toContain(`href="${TRACKING}"`);
    expect(message.sms.endsWith(` ${TRACKING}`)).toBe(true);
    expect(message.html).toContain(`<html lang="${locale}">`);
    expect(`${message.text}${message.html}${message.sms}`).not.toMatch(/token/i);
  });

  it.each(CUSTOMER_PROGRESS_KINDS)('%s in Chinese writes full-width colons, the link line too', (kind) => {
    const message = renderCustomerProgress(kind, 'zh-CN', varsFor(kind, plainZh), site);

    expect(message.text).toContain(`查看处理进度：${TRACKING}`);
    expect(`${message.subject}\n${message.text}`).not.toMatch(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]:/u);
  });

  it.each(cases)('%s (%s) builds well-formed tags even from hostile values', (kind, locale) => {
    const { html } = renderCustomerProgress(kind, locale, varsFor(kind, hostile), site);
    const tags = html.match(/<[a-z][^>]*>/g) ?? [];

    expect(tags.length).toBeGreaterThan(5);
    for (const tag of tags) expect(tag).toMatch(/^<[a-z0-9]+(\s+[a-z-]+(="[^"<>]*")?)*>$/);
  });

  it.each(cases)('%s (%s) escapes every variable in the HTML', (kind, locale) => {
    const message = renderCustomerProgress(kind, locale, varsFor(kind, hostile), site);

    expect(message.html).not.toMatch(/<script|<img|<b[ >]|onmouseover="/);
    if (kind === 'agent_replied') expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;<br>second line &#39;quoted&#39;');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; more');
    if (kind !== 'closed' && kind !== 'received' && kind !== 'automatic_answer' && kind !== 'files_not_attached') expect(message.html).toContain('Li &lt;b onmouseover=&quot;x()&quot;&gt;Wei&lt;/b&gt;');
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it.each(cases)('%s (%s) fits one SMS with typical values', (kind, locale) => {
    const { sms } = renderCustomerProgress(kind, locale, varsFor(kind, locale === 'en' ? plain : plainZh), site);
    const size = smsSize(sms);

    expect(size.encoding).toBe(locale === 'en' ? 'gsm' : 'ucs2');
    expect(size.units).toBeLessThanOrEqual(locale === 'en' ? 160 : 70);
  });

  it.each(cases)('%s (%s) names the ticket in its SMS, in the link at least (a Chinese SMS has 70 characters: the code is not said twice)', (kind, locale) => {
    const { sms } = renderCustomerProgress(kind, locale, varsFor(kind, locale === 'en' ? plain : plainZh), site);

    expect(sms).toContain(varsFor(kind, locale === 'en' ? plain : plainZh).ticketCode);
  });

  it.each(LOCALES)('gives every message about one ticket the same subject, so a mail client shows one thread (%s)', (locale) => {
    const subjects = new Set(CUSTOMER_PROGRESS_KINDS.map((kind) => renderCustomerProgress(kind, locale, varsFor(kind, locale === 'en' ? plain : plainZh), site).subject));
    expect([...subjects]).toEqual([locale === 'en' ? 'Re: [FH-7K3QX] Router keeps dropping the connection' : 'Re: 【FH-7K3QX】路由器经常断线']);
    // A first email that answers no mail of theirs (a web form's acknowledgement) says no "Re:"; clients thread it all the same.
    const received = renderCustomerProgress('received', locale, varsFor('received', locale === 'en' ? plain : plainZh) as CustomerProgressVars['received'], site, undefined, { answering: false });
    expect(received.subject).toBe(locale === 'en' ? '[FH-7K3QX] Router keeps dropping the connection' : '【FH-7K3QX】路由器经常断线');
    // What happened is the text's first line, which the inbox shows beside the subject.
    const claimed = renderCustomerProgress('claimed', locale, varsFor('claimed', locale === 'en' ? plain : plainZh) as CustomerProgressVars['claimed'], site);
    expect(claimed.text.split('\n')[0]).toBe(locale === 'en' ? 'Li Wei is now handling your issue “Router keeps dropping the connection” and will follow it personally until it is resolved.' : '李伟 正在处理您的问题“路由器经常断线”，并将全程负责跟进，直到问题解决。');
  });

  it.each(LOCALES)("writes a copied person's copy (%s): why they get it first, and nothing only the customer can do", (locale) => {
    const resolved = renderCustomerProgress('resolved', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', alreadyRated: false, resolution: 'New router sent.' }, site, undefined, { copy: true });
    const replied = renderCustomerProgress('agent_replied', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody: 'Restart it.', awaitingReply: true }, site, undefined, { copy: true });
    for (const message of [resolved, replied]) {
      expect(message.text.split('\n')[0]).toBe(locale === 'en' ? 'You get a copy of this message because the customer copied you on their mail. Reply to all to answer.' : '客户在邮件中抄送了您，因此您收到这封邮件的副本。如需答复，请点“全部回复”。');
      expect(`${message.text}${message.html}`).not.toContain('/track/');
      expect(message.text).not.toMatch(/tracking page|进度页面|Rate the service|为服务评分/);
      expect(message.subject).toBe(renderCustomerProgress('closed', locale, { ticketCode: 'FH-7K3QX', subject: 'Router' }, site).subject);
    }
    expect(resolved.text).toContain('New router sent.');
    expect(replied.text).toContain('Restart it.');
  });

  it("leaves the customer's reply and forward prefixes out of the thread subject, never the words", () => {
    const subjectOf = (subject: string, locale: 'en' | 'zh-CN' = 'en') => renderCustomerProgress('closed', locale, { ticketCode: 'FH-7K3QX', subject }, site).subject;
    expect(subjectOf('RE: Fwd: AW: Invoice question')).toBe('Re: [FH-7K3QX] Invoice question');
    expect(subjectOf('回复：转发: 路由器断线', 'zh-CN')).toBe('Re: 【FH-7K3QX】路由器断线');
    expect(subjectOf('Re[2]: Return policy')).toBe('Re: [FH-7K3QX] Return policy');
    expect(subjectOf('Reset password')).toBe('Re: [FH-7K3QX] Reset password');
    expect(subjectOf('Re:')).toBe('Re: [FH-7K3QX] Re:');
  });

  it('keeps a subject with line breaks on one header line, the code first', () => {
    const message = renderCustomerProgress('closed', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router\r\n\tBcc: x@example.com' }, site);
    expect(message.subject).toBe('Re: [FH-7K3QX] Router Bcc: x@example.com');
  });

  it('names the owner the way the customer reads it', () => {
    const zh = renderCustomerProgress('claimed', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器', agentName: '李伟' }, site);
    expect(zh.text).toContain('李伟 正在处理您的问题“路由器”');
    expect(zh.sms).toBe(`【Firsthand】李伟 正在处理您的问题： ${TRACKING}`);
  });

  it('quotes the agent’s reply line by line and shortens it for SMS', () => {
    const replyBody = `First line\nSecond line\n${'More detail about the router settings. '.repeat(8)}`;
    const message = renderCustomerProgress('agent_replied', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody }, site);

    expect(message.text).toContain('> First line\n> Second line');
    expect(message.html).toContain('First line<br>Second line');
    expect(message.sms).toMatch(/^Firsthand FH-7K3QX, Li Wei: First line Second line More detail.*\.\.\. https:/);
    expect(smsSize(message.sms).units).toBeLessThanOrEqual(160);
  });

  it('offers the rating link when resolved', () => {
    const message = renderCustomerProgress('resolved', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器', agentName: '李伟', alreadyRated: false }, site);

    expect(message.html).toContain(`href="${TRACKING}#rate"`);
    expect(message.text).toContain(`为服务评分：${TRACKING}#rate`);
  });

  it('asks for no rating when resolved again after the customer rated it (one rating a ticket)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const message = renderCustomerProgress('resolved', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', alreadyRated: true }, site);
      expect(message.html).not.toContain('#rate');
      expect(message.text).not.toContain('#rate');
      expect(message.text).not.toMatch(/Rate the service|为服务评分/);
      expect(message.sms).not.toMatch(/rate us|评价/);
    }
  });

  it("names the files a customer's mail lost, and why, in the acknowledgement or a message of its own", () => {
    const files = [{ filename: 'setup.exe', why: 'type' as const }, { filename: 'scan.tiff', why: 'size' as const }, { filename: 'eleventh.png', why: 'count' as const }];
    const ack = renderCustomerProgress('received', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', firstResponseBy: NEXT_UPDATE, filesNotAttached: files }, site);
    expect(ack.text).toContain('These files of your mail could not be attached:');
    expect(ack.text).toContain('setup.exe: we do not accept this type of file');
    expect(ack.text).toContain('scan.tiff: too large');
    expect(ack.text).toContain('eleventh.png: too many files in one message');
    expect(renderCustomerProgress('received', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', firstResponseBy: NEXT_UPDATE }, site).text).not.toContain('could not be attached');
    const own = renderCustomerProgress('files_not_attached', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器', files: [{ filename: '<b>x</b>.exe', why: 'type' }] }, site);
    expect(own.text).toContain('但以下附件未能添加');
    expect(own.text).toContain('<b>x</b>.exe：不支持此类文件');
    expect(own.html).toContain('&lt;b&gt;x&lt;/b&gt;.exe');
  });

  it('counts the files a mail of hundreds left unnamed, and advises by what stopped them: fewer at a time, or another format or size', () => {
    const tooMany = [{ filename: 'p21.png', why: 'count' as const }, { filename: '', why: 'count' as const, unnamed: 920 }];
    const en = renderCustomerProgress('received', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', firstResponseBy: NEXT_UPDATE, filesNotAttached: tooMany }, site);
    expect(en.text).toContain('p21.png: too many files in one message');
    expect(en.text).toContain('…and 920 more files: too many files in one message');
    expect(en.text).toContain('You can send the others in another message, fewer at a time.');
    expect(en.text).not.toContain('in another format or smaller');
    const zh = renderCustomerProgress('files_not_attached', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器', files: [...tooMany, { filename: 'setup.exe', why: 'type' }] }, site);
    expect(zh.text).toContain('……另有 920 个文件：单条消息附件过多');
    expect(zh.text).toContain('其余文件请分几次另行发送。您可以在进度页面以其他格式或更小的文件重新添加。');
  });

  it('says how it was resolved when the owner wrote it, escaped, in both languages', () => {
    const en = renderCustomerProgress('resolved', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', alreadyRated: false, resolution: 'Replaced the <b>router</b>.\nIt syncs now.' }, site);
    expect(en.text).toContain('Li Wei has resolved your issue “Router”:');
    expect(en.text).toContain('Replaced the <b>router</b>.');
    expect(en.html).toContain('Replaced the &lt;b&gt;router&lt;/b&gt;.<br>It syncs now.');
    const zh = renderCustomerProgress('resolved', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器', agentName: '李伟', alreadyRated: false, resolution: '已更换路由器。' }, site);
    expect(zh.text).toContain('李伟 已解决您的问题“路由器”：');
    expect(zh.text).toContain('已更换路由器。');
    const none = renderCustomerProgress('resolved', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', alreadyRated: false, resolution: null }, site);
    expect(none.text).toContain('Li Wei has resolved your issue “Router”.');
  });

  it('a reply that claimed the ticket says first who now handles it', () => {
    for (const [locale, handling] of [
      ['en', 'Li Wei is now handling your issue “Router” and will follow it personally until it is resolved.'],
      ['zh-CN', 'Li Wei 正在处理您的问题“Router”，并将全程负责跟进，直到问题解决。'],
    ] as const) {
      const message = renderCustomerProgress('agent_replied', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody: 'Restart it.', claimedTicket: true }, site);
      expect(message.text.split('\n')[0]).toBe(handling);
      expect(message.text).toContain('Restart it.');
      const plain = renderCustomerProgress('agent_replied', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody: 'Restart it.' }, site);
      expect(plain.text).not.toContain(handling);
    }
  });

  it('a reply that also set the ticket waiting for the customer says so in its first line, and asks for the answer', () => {
    for (const [locale, first, ask] of [
      ['en', 'Li Wei replied about “Router” and is waiting for your reply:', 'your issue stays with Li Wei in the meantime'],
      ['zh-CN', 'Li Wei 就“Router”回复您，正在等待您的回复：', '在此期间，您的问题仍由 Li Wei 负责'],
    ] as const) {
      const message = renderCustomerProgress('agent_replied', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody: 'Send the invoice.', awaitingReply: true }, site);
      expect(message.text.split('\n')[0]).toBe(first);
      expect(message.text).toContain('Send the invoice.');
      expect(message.text).toContain(ask);
      const plain = renderCustomerProgress('agent_replied', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', replyBody: 'Send the invoice.' }, site);
      expect(plain.text.split('\n')[0]).not.toBe(first);
      expect(plain.text).not.toContain(ask);
    }
  });

  it("the promise answering a customer's reply that reopened the issue says first that it is open again", () => {
    for (const [locale, first, sms] of [
      ['en', 'Your issue “Router” is open again, and Li Wei, who handled it before, is on it. You will hear from us by Mar 5, 2026, 5:30 PM (GMT+8) at the latest.', 'is open again'],
      ['zh-CN', '您的问题“Router”已重新打开，仍由之前处理的 Li Wei 继续跟进，最迟将于', '已重新打开'],
    ] as const) {
      const message = renderCustomerProgress('next_update', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', nextUpdateAt: NEXT_UPDATE, reopened: true }, site);
      expect(message.text.split('\n')[0]).toContain(first);
      expect(message.sms).toContain(sms);
      const plain = renderCustomerProgress('next_update', locale, { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', nextUpdateAt: NEXT_UPDATE }, site);
      expect(plain.text).not.toContain(sms);
    }
  });

  it('carries the automatic answer marked as such: the article as text and sanitised HTML, and links to both choices', () => {
    const answer = { title: '如何申请退款', html: '<p>签收后 <strong>30 天</strong>内可以申请退款。</p><ul><li>打开订单</li></ul><script>alert(1)</script><p onclick="x()">完</p>', locale: 'zh-CN' as const };
    const message = renderCustomerProgress('automatic_answer', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '退款', firstResponseBy: NEXT_UPDATE, answer }, site);

    expect(message.text.split('\n')[0]).toMatch(/^自动回复：/);
    expect(message.text).toContain('如何申请退款\n\n签收后 30 天内可以申请退款。\n- 打开订单\n完');
    expect(message.text).toContain(`问题已解决：${TRACKING}#automatic-answer=solved`);
    expect(message.text).toContain(`我需要人工客服：${TRACKING}#automatic-answer=need-person`);
    expect(message.html).toContain('<strong>30 天</strong>');
    expect(message.html).not.toMatch(/<script|onclick/);
    expect(message.html).toContain(`href="${TRACKING}#automatic-answer=need-person"`);
    const own = renderCustomerProgress('automatic_answer', 'en', { ticketCode: 'FH-7K3QX', subject: 'Refund', firstResponseBy: NEXT_UPDATE, answer }, site, `${TRACKING}#token=SLOT`);
    expect(own.text).toContain(`This solved it: ${TRACKING}#token=SLOT&automatic-answer=solved`);
    expect(own.text).toContain('by Mar 5, 2026, 5:30 PM (GMT+8)');
  });

  it('says when the customer hears from us next when the reopen set a promise, in both languages', () => {
    const vars = { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', nextUpdateAt: NEXT_UPDATE };
    expect(renderCustomerProgress('reopened', 'en', vars, site).text).toContain('is on it. You will hear from us by Mar 5, 2026, 5:30 PM (GMT+8) at the latest.');
    expect(renderCustomerProgress('reopened', 'zh-CN', vars, site).text).toContain('最迟将于 2026年3月5日 17:30 (GMT+8) 前告知您最新进展');
    expect(renderCustomerProgress('reopened', 'en', { ...vars, nextUpdateAt: null }, site).text).not.toContain('hear from us');
  });

  it('writes the promised time in the customer’s locale and the configured time zone', () => {
    const vars = { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', nextUpdateAt: NEXT_UPDATE };

    expect(renderCustomerProgress('next_update', 'en', vars, site).text).toContain('You will hear from us by Mar 5, 2026, 5:30 PM (GMT+8) at the latest.');
    expect(renderCustomerProgress('next_update', 'en', vars, { ...site, timeZone: 'Europe/Berlin' }).text).toContain('Mar 5, 2026, 10:30 AM (GMT+1)');
    const zh = renderCustomerProgress('next_update', 'zh-CN', { ...vars, agentName: '李伟' }, site);
    expect(zh.text).toContain('最迟将于 2026年3月5日 17:30 (GMT+8) 前');
    expect(zh.sms).toContain('3月5日 17:30 (GMT+8)');
  });

  it('states the zone in an SMS too: the phone may be elsewhere', () => {
    const vars = { ticketCode: 'FH-7K3QX', subject: 'Router', agentName: 'Li Wei', nextUpdateAt: NEXT_UPDATE };

    expect(renderCustomerProgress('next_update', 'en', vars, site).sms).toContain('Mar 5, 5:30 PM (GMT+8)');
    expect(renderCustomerProgress('next_update', 'en', vars, { ...site, timeZone: 'Europe/Berlin' }).sms).toContain('Mar 5, 10:30 AM (GMT+1)');
    const received = renderCustomerProgress('received', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router', firstResponseBy: NEXT_UPDATE }, site);
    expect(received.sms).toContain('first answer by Mar 5, 5:30 PM (GMT+8).');
  });

  it('keeps a base URL’s path and drops its trailing slash', () => {
    const message = renderCustomerProgress('closed', 'en', { ticketCode: 'FH-7K3QX', subject: 'Router' }, { ...site, publicBaseUrl: 'https://example.com/help/' });
    expect(message.text).toContain('https://example.com/help/track/FH-7K3QX');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => renderCustomerProgress('closed', 'en', { ticketCode: 'FH-7K3QX', subject: 'x' }, { ...site, publicBaseUrl: 'javascript:alert(1)' })).toThrow(/http/);
  });

  it('makes a missing variable a compile error (npm run typecheck checks these lines)', () => {
    const incomplete = () => {
      // @ts-expect-error a claim names the agent
      renderCustomerProgress('claimed', 'en', { ticketCode: 'FH-7K3QX', subject: 'x' }, site);
      // @ts-expect-error a reply carries its body
      renderCustomerProgress('agent_replied', 'en', { ticketCode: 'FH-7K3QX', subject: 'x', agentName: 'Li' }, site);
      // @ts-expect-error the promise carries its time
      renderCustomerProgress('next_update', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: 'x', agentName: 'Li' }, site);
    };
    expect(typeof incomplete).toBe('function');
  });
});
