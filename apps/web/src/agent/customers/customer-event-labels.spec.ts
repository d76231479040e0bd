import type { TicketEventView } from '@firsthand/http-contracts';
import { eventLabel } from '../../shared/i18n/event-label.js';
import { translate } from '../../shared/i18n/locale.js';
import { en } from '../../shared/i18n/messages-en.js';
import { zhCN } from '../../shared/i18n/messages-zh-cn.js';

const base = { id: 'e', ticketId: 't', seq: 2, visibility: 'internal', actor: { type: 'agent', id: 'a', name: 'Wang Fang' }, createdAt: '2026-03-02T09:30:00.000Z' } as const;
const tierChanged: TicketEventView = {
  ...base,
  type: 'customer_tier_changed',
  payload: { customerId: 'c', from: 'standard', to: 'vip', firstResponseDueAt: { from: null, to: null }, resolutionDueAt: { from: null, to: null } },
};
const merged: TicketEventView = { ...base, type: 'customer_merged', payload: { fromCustomerId: 'd', fromCustomerName: 'Z. Min', toCustomerId: 's', toCustomerName: 'Zhou Min' } };

describe('customer event labels', () => {
  it('say what changed, in English and Chinese', () => {
    const inEnglish = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(en, key, params);
    const inChinese = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(zhCN, key, params);
    expect(eventLabel(tierChanged, inEnglish)).toBe('Customer tier: Standard → VIP; SLA re-planned');
    expect(eventLabel(merged, inEnglish)).toBe('Customer record Z. Min merged into Zhou Min');
    expect(eventLabel(tierChanged, inChinese)).toBe(`客户等级：${zhCN['tier.standard']} → ${zhCN['tier.vip']}；SLA 已重新计划`);
    expect(eventLabel(merged, inChinese)).toBe('客户记录 Z. Min 已合并到 Zhou Min');
  });
});
