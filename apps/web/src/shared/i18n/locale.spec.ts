import { en, type MessageKey } from './messages-en.js';
import { DICTIONARIES, pickLocale, translate } from './locale.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI language', () => {
  it("follows the browser's first language we speak", () => {
    expect(pickLocale(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLocale(['zh-TW'])).toBe('zh-CN');
    expect(pickLocale(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(['de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(en, 'agent.claimLost', { name: 'Li Wei', code: 'FH-7K3QX' })).toBe('Li Wei already owns FH-7K3QX.');
    expect(translate(en, 'agent.claimLost', { name: 'Li Wei' })).toBe('Li Wei already owns {code}.');
  });

  it('every translation uses the same placeholders as English', () => {
    for (const [locale, messages] of Object.entries(DICTIONARIES)) {
      for (const key of Object.keys(en) as MessageKey[]) {
        expect([locale, key, placeholders(messages[key])]).toEqual([locale, key, placeholders(en[key])]);
      }
    }
  });
});
