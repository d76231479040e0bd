import { intentFromFragment, tokenFromFragment } from './tracking-fragment.js';

describe('the tracking link fragment', () => {
  it('carries the token and what the customer clicked in the message', () => {
    expect(tokenFromFragment('#token=abc&automatic-answer=solved')).toBe('abc');
    expect(intentFromFragment('#token=abc&automatic-answer=solved')).toBe('solved');
    expect(intentFromFragment('#token=abc&automatic-answer=need-person')).toBe('need-person');
    expect(intentFromFragment('#token=abc&rate')).toBe('rate');
  });

  it('ignores anything else', () => {
    expect(intentFromFragment('')).toBeNull();
    expect(intentFromFragment('#token=abc')).toBeNull();
    expect(intentFromFragment('#automatic-answer=resolve-everything')).toBeNull();
    expect(tokenFromFragment(`#token=${'x'.repeat(201)}`)).toBeNull();
  });
});
