import { redactedForArticle } from './resolution-article.js';

describe('redactedForArticle', () => {
  const customer = { name: 'Alice Martin', email: 'alice@example.com', phone: '+86 138 0013 8000' };

  it('marks emails, phone numbers and the customer name, and says what it removed', () => {
    const out = redactedForArticle('Hi Alice, we wrote to alice@example.com and bob@shop.cn; call +86 138 0013 8000 or 010-12345678. Martin said ok.', customer, 'en');
    expect(out.text).toBe('Hi [customer], we wrote to [email removed] and [email removed]; call [number removed] or [number removed]. [customer] said ok.');
    expect(out.removed.sort()).toEqual(['customer-name', 'email', 'phone']);
  });

  it('marks a Chinese name in Chinese text with Chinese marks; leaves clean text and short numbers alone', () => {
    const out = redactedForArticle('张伟您好，退款已在 3 天内原路退回，邮箱 zw@example.com。', { name: '张伟', email: null, phone: null }, 'zh-CN');
    expect(out.text).toBe('[客户]您好，退款已在 3 天内原路退回，邮箱 [已删除邮箱]。');
    expect(redactedForArticle('Refunds take 5 days; see order 1234.', customer, 'en')).toEqual({ text: 'Refunds take 5 days; see order 1234.', removed: [] });
  });
});
