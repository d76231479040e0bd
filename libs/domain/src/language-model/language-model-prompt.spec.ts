import { draftReplyPrompt, handoffSummaryPrompt, type PromptTicket } from './language-model-prompt.js';
import { withoutPersonalData } from './personal-data.js';

const ticket = (over: Partial<PromptTicket> = {}): PromptTicket => ({
  subject: '退款没有到账 for order 88231',
  description: 'I am Wang Xiaoming, write to wang@example.com or call 138 0013 8000. Tracking: https://help.example/t/ABC?token=s3cret',
  locale: 'zh-CN',
  status: 'open',
  messages: [
    { from: 'customer', visibility: 'public', body: 'Still nothing, Li Wei said three days.' },
    { from: 'agent', visibility: 'internal', body: 'Finance says the bank bounced it.' },
    { from: 'agent', visibility: 'public', body: 'Hello, this is Li Wei, checking now.' },
  ],
  names: { customer: ['Wang Xiaoming'], agents: ['Li Wei'] },
  ...over,
});
const userText = (p: { messages: Array<{ role: string; content: string }> }) => p.messages.find((m) => m.role === 'user')!.content;

describe('language-model prompts', () => {
  it('a draft sends the subject, description and public thread without names, addresses, phones or links', () => {
    const prompt = draftReplyPrompt(ticket(), [], { maxChars: 10_000, includeInternalNotes: false });
    const text = userText(prompt);
    expect(text).toContain('退款没有到账 for order 88231');
    expect(text).toContain('Still nothing, [agent] said three days.');
    expect(text).toContain('I am [customer], write to [email] or call [phone]. Tracking: [link]');
    for (const leaked of ['Wang Xiaoming', 'wang@example.com', '138 0013 8000', 's3cret', 'Li Wei']) expect(JSON.stringify(prompt.messages)).not.toContain(leaked);
    expect(prompt.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('Simplified Chinese') });
  });

  it('internal notes reach a draft only when allowed, and a handoff summary always, marked as internal', () => {
    const without = draftReplyPrompt(ticket(), [], { maxChars: 10_000, includeInternalNotes: false });
    expect(userText(without)).not.toContain('bank bounced');
    expect(without.internalNotesSent).toBe(0);
    const allowed = draftReplyPrompt(ticket(), [], { maxChars: 10_000, includeInternalNotes: true });
    expect(userText(allowed)).toContain('Internal note (agents only, never for the customer):\nFinance says the bank bounced it.');
    expect(allowed.internalNotesSent).toBe(1);
    const summary = handoffSummaryPrompt(ticket({ locale: 'en' }), { maxChars: 10_000 });
    expect(userText(summary)).toContain('bank bounced');
    expect(summary).toMatchObject({ purpose: 'handoff-summary', articleIds: [], internalNotesSent: 1 });
    expect(summary.messages[0].content).toContain('English');
  });

  it('says honestly when no article was found, and sends at most three articles with their ids', () => {
    expect(userText(draftReplyPrompt(ticket(), [], { maxChars: 10_000, includeInternalNotes: false }))).toContain('none was found');
    const articles = [1, 2, 3, 4].map((n) => ({ id: `a${n}`, title: `Refunds ${n}`, body: `Body ${n}`, url: `/help/${n}` }));
    const prompt = draftReplyPrompt(ticket(), articles, { maxChars: 10_000, includeInternalNotes: false });
    expect(prompt.articleIds).toEqual(['a1', 'a2', 'a3']);
    expect(userText(prompt)).toContain('[3] Refunds 3 (/help/3)\nBody 3');
    expect(userText(prompt)).not.toContain('Refunds 4');
  });

  it('stays within the size limit by leaving the oldest messages out', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ from: 'customer' as const, visibility: 'public' as const, body: `message number ${i} ${'x'.repeat(200)}` }));
    const prompt = handoffSummaryPrompt(ticket({ messages }), { maxChars: 3_000 });
    const total = prompt.messages.reduce((n, m) => n + m.content.length, 0);
    expect(total).toBeLessThanOrEqual(3_000);
    expect(prompt.messagesLeftOut).toBeGreaterThan(30);
    expect(userText(prompt)).toContain('message number 49');
    expect(userText(prompt)).not.toContain('message number 0 ');
    const huge = draftReplyPrompt(ticket({ description: 'y'.repeat(50_000), messages: [] }), [], { maxChars: 2_000, includeInternalNotes: false });
    expect(huge.messages.reduce((n, m) => n + m.content.length, 0)).toBeLessThanOrEqual(2_000);
  });

  it('personal data: identity and card numbers and +country phones go, order numbers stay', () => {
    expect(withoutPersonalData('ID 11010519491231002X card 6222 0212 3456 7890 tel +86 10 8888 6666 order 202611300042')).toBe(
      'ID [id-number] card [card-number] tel [phone] order 202611300042',
    );
  });

  it('a short Latin name is taken out as a word, not out of other words; a Chinese name wherever it appears', () => {
    expect(withoutPersonalData('Li said Lithium batteries; 王小明说王小明的钱', { customer: ['王小明'], agents: ['Li'] })).toBe('[agent] said Lithium batteries; [customer]说[customer]的钱');
  });
});
