import { insertAtTrigger, slashTriggerAt } from './slash-trigger.js';

describe('the / that opens canned replies', () => {
  it('opens at the start of the text, a line or a word', () => {
    expect(slashTriggerAt('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashTriggerAt('/ref', 4)).toEqual({ start: 0, query: 'ref' });
    expect(slashTriggerAt('Hello\n/thx', 10)).toEqual({ start: 6, query: 'thx' });
    expect(slashTriggerAt('Thanks /退款', 10)).toEqual({ start: 7, query: '退款' });
  });

  it('does not open inside a word, a URL, or once a space ends the shortcut', () => {
    expect(slashTriggerAt('and/or', 6)).toBeNull();
    expect(slashTriggerAt('see https://x', 13)).toBeNull();
    expect(slashTriggerAt('/ref then', 9)).toBeNull();
  });

  it('looks only at the text before the caret', () => {
    expect(slashTriggerAt('/ref and more', 4)).toEqual({ start: 0, query: 'ref' });
  });

  it('replaces the /word with the text and puts the caret after it', () => {
    const text = 'Hi!\n/ref tail';
    expect(insertAtTrigger(text, { start: 4, query: 'ref' }, 8, 'Your refund is on its way.')).toEqual({ text: 'Hi!\nYour refund is on its way. tail', caret: 30 });
  });
});
