import type { AgentNotification } from '@firsthand/realtime-contracts';
import { translate } from '../shared/i18n/locale.js';
import { en } from '../shared/i18n/messages-en.js';
import { zhCN } from '../shared/i18n/messages-zh-cn.js';
import { noticeText } from './notice-text.js';

const base = { id: 'n', ticketId: 't', ticketCode: 'FH-T5AC8', seq: 4, title: '[FH-T5AC8] Escalated: first response overdue', actorName: '', at: '2026-12-06T10:00:00Z' } as const;
const inEnglish = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(en, key, params);
const inChinese = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(zhCN, key, params);

describe('agent notice text', () => {
  const breach: AgentNotification = { ...base, kind: 'sla_escalated', sla: { target: 'first_response', stage: 'breach' } };
  const critical: AgentNotification = { ...base, kind: 'sla_escalated', sla: { target: 'first_response', stage: 'critical' } };

  it('names the SLA target, and words the 150% stage apart from the breach', () => {
    expect(noticeText({ ...base, kind: 'sla_warning', sla: { target: 'resolution', stage: 'warning' } }, inEnglish)).toBe('FH-T5AC8: Resolution due soon');
    expect(noticeText(breach, inEnglish)).toBe('FH-T5AC8: First response overdue, escalated');
    expect(noticeText(critical, inEnglish)).toBe('FH-T5AC8: First response far overdue (150%), escalated again');
    expect(noticeText(breach, inChinese)).toBe('FH-T5AC8：首次响应已超时，已升级');
    expect(noticeText(critical, inChinese)).toBe('FH-T5AC8：首次响应严重超时（150%），再次升级');
  });

  it('falls back to the subject line for an SLA notice that does not say its target', () => {
    expect(noticeText({ ...base, kind: 'sla_escalated' }, inChinese)).toBe(base.title);
  });
});
