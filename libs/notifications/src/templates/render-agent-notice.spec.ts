import { AGENT_NOTICE_KINDS, LOCALES, type AgentNoticeKind } from '@firsthand/domain';
import type { AgentNoticeVars } from './agent-notice.js';
import { renderAgentNotice } from './render-agent-notice.js';

const site = { publicBaseUrl: 'https://help.example.com', timeZone: 'Asia/Shanghai' };
const TICKET_ID = '6f1c2b7e-3d4a-4f5b-9c8d-7e6f5a4b3c2d';
const CONSOLE = `https://help.example.com/agent/tickets/${TICKET_ID}`;
const DUE = new Date('2026-03-05T09:30:00Z');

const X = '<script>alert(1)</script>';
const hostileVars: { [K in AgentNoticeKind]: AgentNoticeVars[K] } = {
  sla_warning: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, target: 'first_response', dueAt: DUE },
  sla_escalated: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, target: 'resolution', dueAt: DUE, stage: 'breach', ownerName: X },
  update_reminder: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, dueAt: DUE },
  customer_replied: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, customerName: X, replyBody: `${X}\nthanks` },
  handoff_proposed: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, fromAgentName: X, note: X },
  handoff_withdrawn: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, ownerName: X },
  handoff_declined: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, declinedBy: X },
  reassigned: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, supervisorName: X, toAgentName: X, reason: X },
  repeat_contact: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, customerName: X, earlierTicketCode: 'FH-2AB3C' },
  reopened: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, customerName: X, reopenCount: 1 },
  escalation_requested: { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: X, ownerName: X, reason: X },
};

const cases = LOCALES.flatMap((locale) => AGENT_NOTICE_KINDS.map((kind) => [kind, locale] as const));
const render = <K extends AgentNoticeKind>(kind: K, locale: (typeof LOCALES)[number]) => renderAgentNotice(kind, locale, hostileVars[kind], site);

describe('renderAgentNotice', () => {
  it.each(AGENT_NOTICE_KINDS)('%s in Chinese writes full-width colons, the link line too', (kind) => {
    const notice = render(kind, 'zh-CN');

    expect(notice.text).toContain(`打开工单：${CONSOLE}`);
    expect(`${notice.subject}\n${notice.text}`).not.toMatch(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]:/u);
  });

  it.each(cases)('%s (%s) links to the ticket in the agent console', (kind, locale) => {
    const notice = render(kind, locale);

    expect(notice.subject).toContain('FH-7K3QX');
    expect(notice.text).toContain(CONSOLE);
    expect(notice.html).toContain(`href="${CONSOLE}"`);
    expect(notice.html).toContain(`<html lang="${locale}">`);
  });

  it.each(cases)('%s (%s) escapes every variable in the HTML', (kind, locale) => {
    const notice = render(kind, locale);

    expect(notice.html).not.toContain('<script>');
    expect(notice.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('writes due times in the configured zone and names the target', () => {
    expect(render('sla_warning', 'en').text).toContain('The first response on “<script>alert(1)</script>” is due by Mar 5, 2026, 5:30 PM (GMT+8)');
    expect(render('sla_warning', 'zh-CN').text).toContain('首次响应时限为 2026年3月5日 17:30 (GMT+8)');
  });

  it('says who stays accountable when a ticket escalates, or that nobody claimed it', () => {
    const owned = renderAgentNotice('sla_escalated', 'en', { ...hostileVars.sla_escalated, subject: 'Router', ownerName: 'Li Wei', stage: 'critical' }, site);
    expect(owned.subject).toBe('[FH-7K3QX] Escalated: resolution far overdue');
    expect(owned.text).toContain('Li Wei still owns it');
    const unowned = renderAgentNotice('sla_escalated', 'zh-CN', { ...hostileVars.sla_escalated, ownerName: null }, site);
    expect(unowned.text).toContain('该工单尚无人认领');
  });

  it('quotes what the customer wrote', () => {
    const notice = renderAgentNotice('customer_replied', 'en', { ...hostileVars.customer_replied, customerName: 'Ann', replyBody: 'It works now.\nThanks!' }, site);
    expect(notice.subject).toBe('[FH-7K3QX] Ann replied');
    expect(notice.text).toContain('> It works now.\n> Thanks!');
  });

  it('names an unverified mail by the address it came from, not as the customer, and warns about it', () => {
    const vars = { ...hostileVars.customer_replied, customerName: 'Ann', replyBody: 'Refund to my new account.', unverifiedFrom: 'mallory@evil.example' };
    const en = renderAgentNotice('customer_replied', 'en', vars, site);
    expect(en.subject).toBe('[FH-7K3QX] Unverified mail from mallory@evil.example');
    expect(en.subject).not.toContain('Ann replied');
    expect(en.text).toContain('not verified as coming from Ann: check before you act on it');
    expect(en.text).toContain('> Refund to my new account.');
    const zh = renderAgentNotice('customer_replied', 'zh-CN', vars, site);
    expect(zh.subject).toBe('【FH-7K3QX】来自 mallory@evil.example 的未验证邮件');
    expect(zh.text).toContain('无法确认是 Ann 本人所发');
  });

  it('makes a missing variable a compile error (npm run typecheck checks these lines)', () => {
    const incomplete = () => {
      // @ts-expect-error the console link needs the ticket id
      renderAgentNotice('update_reminder', 'en', { ticketCode: 'FH-7K3QX', subject: 'x', dueAt: DUE }, site);
      // @ts-expect-error a handoff carries its note
      renderAgentNotice('handoff_proposed', 'en', { ticketId: TICKET_ID, ticketCode: 'FH-7K3QX', subject: 'x', fromAgentName: 'Li' }, site);
    };
    expect(typeof incomplete).toBe('function');
  });
});
