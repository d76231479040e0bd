import { localeOfText } from './text-locale.js';

describe('the language a customer wrote in', () => {
  it.each([
    ['Where is my order?', 'en'],
    ['我的订单到哪里了？', 'zh-CN'],
    ['好', 'zh-CN'],
    ['Hello, this is 李 from Shanghai', 'en'],
    ['Order FH-12345 还没到', 'zh-CN'],
    ['12345', 'en'],
    ['Please deliver to my hotel:\n上海市静安区南京西路1266号\nI only speak English, thank you for your help with this delivery.', 'en'],
    ['我的iPhone 15无法开机，请帮忙看看', 'zh-CN'],
    ['好的 thanks', 'zh-CN'],
  ] as const)('%s is %s', (text, locale) => {
    expect(localeOfText(text)).toBe(locale);
  });
});

describe('localeOfText on mail', () => {
  it('says zh-CN for Chinese text, en otherwise', () => {
    expect(localeOfText('打印机坏了')).toBe('zh-CN');
    expect(localeOfText('好')).toBe('zh-CN');
    expect(localeOfText('The printer is broken, thanks 王')).toBe('en');
    expect(localeOfText('Printer broken')).toBe('en');
    expect(localeOfText('')).toBe('en');
  });
});
