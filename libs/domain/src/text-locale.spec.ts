import { localeOfText } from './text-locale.js';

describe('the language a customer wrote in', () => {
  it.each([
    ['Where is my order?', 'en'],
    ['我的订单到哪里了？', 'zh-CN'],
    ['好', 'zh-CN'],
    ['Hello, this is 李 from Shanghai', 'en'],
    ['Order FH-12345 还没到', 'zh-CN'],
    ['12345', 'en'],
  ] as const)('%s is %s', (text, locale) => {
    expect(localeOfText(text)).toBe(locale);
  });
});
