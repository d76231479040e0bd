import type { CategoryRecord } from '@firsthand/persistence';
import { helpIndexPage } from './help-pages.js';

const delivery: CategoryRecord = { id: 'c1', slug: 'orders-delivery', nameEn: 'Orders & delivery', nameZhCn: '订单与配送', botMayAnswer: false, position: 0 };
const account: CategoryRecord = { id: 'c2', slug: 'account', nameEn: 'Account', nameZhCn: '账户', botMayAnswer: false, position: 1 };
const articles = [
  { id: 'a1', slug: 'where-is-my-order', categoryId: 'c1', titleEn: 'Where is my order?', titleZhCn: '我的订单到哪里了？' },
  { id: 'a2', slug: 'damaged-item', categoryId: 'c1', titleEn: null, titleZhCn: '收到的商品有损坏' },
  { id: 'a3', slug: 'english-only', categoryId: 'c2', titleEn: 'Closing your account', titleZhCn: null },
];

describe('the help center contents page', () => {
  it('lists in English only the articles written in English: a Chinese-only one is left out, not linked to a Chinese page', () => {
    const html = helpIndexPage('en', 'https://help.example.com', [delivery, account], articles);
    expect(html).toContain('href="/help/articles/where-is-my-order?lang=en">Where is my order?</a>');
    expect(html).not.toContain('damaged-item');
    expect(html).not.toContain('收到的商品有损坏');
    expect(html).toContain('href="/help/articles/english-only?lang=en">Closing your account</a>');
  });

  it('lists in Chinese only the articles written in Chinese, and leaves out a category with none', () => {
    const html = helpIndexPage('zh-CN', 'https://help.example.com', [delivery, account], articles);
    expect(html).toContain('href="/help/articles/damaged-item?lang=zh-CN">收到的商品有损坏</a>');
    expect(html).toContain('href="/help/articles/where-is-my-order?lang=zh-CN">我的订单到哪里了？</a>');
    expect(html).not.toContain('english-only');
    expect(html).not.toContain('<h2>账户</h2>');
  });
});
