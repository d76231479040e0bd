import { en } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';

const values = Object.entries(zhCN);

describe('the Chinese catalog', () => {
  it('calls the bot\'s answer 自动回复 everywhere, as its emails do, never also 自动答复 or 自动回答', () => {
    expect(values.filter(([, text]) => /自动答复|自动回答/.test(text))).toEqual([]);
    for (const key of ['track.automaticAnswer', 'track.entry.bot_answered', 'track.promise.automatic', 'event.bot_answered'] as const) expect(zhCN[key]).toContain('自动回复');
  });

  it('writes full-width colons: no ASCII colon except in a time such as 1:30, and labels joined with one', () => {
    expect(values.filter(([, text]) => /:(?!\d)|(?<!\d):/.test(text))).toEqual([]);
    expect(zhCN['app.colon']).toBe('：');
    expect(en['app.colon']).toBe(': ');
  });

  it('says plainly that the sender checks reached no verdict', () => {
    expect(zhCN['email.noVerdict']).toBe('无法判定');
  });
});
