import { formatPromisedTime, renderCannedReply, unknownPlaceholders, type CannedReplyFacts } from './canned-reply-template.js';

const facts: CannedReplyFacts = {
  customerName: 'Zhang Wei',
  ticketCode: 'FH-7K3QX',
  agentName: 'Li Na',
  nextUpdateDueAt: new Date('2026-03-05T09:30:00.000Z'),
};
const SHANGHAI = { locale: 'en', timeZone: 'Asia/Shanghai' } as const;

describe('filling a canned reply', () => {
  it('fills every placeholder, the promised update in the customer zone with the zone written', () => {
    const text = renderCannedReply('Hi {{customer.name}}, {{agent.name}} here about {{ticket.code}}. Next update by {{ticket.next_update_due}}.', facts, SHANGHAI);
    expect(text).toBe('Hi Zhang Wei, Li Na here about FH-7K3QX. Next update by Mar 5, 2026, 5:30 PM (GMT+8).');
  });

  it('writes the time in Chinese for a zh-CN customer', () => {
    const text = renderCannedReply('{{customer.name}}您好，我们会在{{ticket.next_update_due}}前回复您。', facts, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(text).toBe('Zhang Wei您好，我们会在2026年3月5日 17:30 (GMT+8)前回复您。');
  });

  it('uses the zone it is given, not the machine zone', () => {
    expect(formatPromisedTime(facts.nextUpdateDueAt!, { locale: 'en', timeZone: 'Europe/Berlin' })).toBe('Mar 5, 2026, 10:30 AM (GMT+1)');
  });

  it('allows spaces inside the braces and repeats', () => {
    expect(renderCannedReply('{{ ticket.code }} / {{ticket.code}}', facts, SHANGHAI)).toBe('FH-7K3QX / FH-7K3QX');
  });

  it('reads sensibly when a fact is missing, never "undefined" or "null"', () => {
    const missing = { ...facts, customerName: '  ', nextUpdateDueAt: null };
    const en = renderCannedReply('Dear {{customer.name}}, next update: {{ticket.next_update_due}}', missing, SHANGHAI);
    expect(en).toBe('Dear valued customer, next update: as soon as we can');
    const zh = renderCannedReply('尊敬的{{customer.name}}，下次更新：{{ticket.next_update_due}}', { ...missing, customerName: null }, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(zh).toBe('尊敬的客户，下次更新：尽快');
    expect(`${en}${zh}`).not.toMatch(/undefined|null/);
  });

  it('drops the time frame around a missing due time, so the sentence still reads (the demo replies say "by" and "在…前")', () => {
    const missing = { ...facts, nextUpdateDueAt: null };
    const zhRendering = { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai' };
    expect(renderCannedReply('I will update you by {{ticket.next_update_due}}.', missing, SHANGHAI)).toBe('I will update you as soon as we can.');
    expect(renderCannedReply('我会在{{ticket.next_update_due}}前给您回复。', missing, zhRendering)).toBe('我会尽快给您回复。');
    expect(renderCannedReply('预计在 {{ ticket.next_update_due }} 之前给您答复。', missing, zhRendering)).toBe('预计尽快给您答复。');
    // With a due time the frame stays.
    expect(renderCannedReply('我会在{{ticket.next_update_due}}前给您回复。', facts, zhRendering)).toMatch(/^我会在2026年.+前给您回复。$/);
  });

  it('leaves text without placeholders, and single braces, as they are', () => {
    expect(renderCannedReply('Use {code} or {{ not closed', facts, SHANGHAI)).toBe('Use {code} or {{ not closed');
  });

  it('leaves an unknown placeholder as written instead of dropping it', () => {
    expect(renderCannedReply('Order {{order.id}}', facts, SHANGHAI)).toBe('Order {{order.id}}');
  });
});

describe('unknown placeholders', () => {
  it('finds none in a reply that uses only ours', () => {
    expect(unknownPlaceholders('{{customer.name}} {{ ticket.code }} {{agent.name}} {{ticket.next_update_due}}')).toEqual([]);
  });

  it('names each unknown one once, as written, empty braces and misspellings included', () => {
    expect(unknownPlaceholders('{{order.id}} {{Customer.Name}} {{}} {{order.id}} {{customer.name}}')).toEqual(['{{order.id}}', '{{Customer.Name}}', '{{}}']);
  });
});
