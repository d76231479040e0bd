import { errorFrom } from '../testing/ticket.builder.js';
import { assertAcceptablePassword, passwordContext, PasswordTooWeak, PASSWORD_RULE, type PasswordGuessing } from './password-rule.js';

/** A stand-in estimator: the rule's own decisions are tested here; the dictionary library in the API's tests. */
const guessing = (guessesLog10: number, warning: string | null = null, warningCode: string | null = null): PasswordGuessing & { seen: Array<readonly string[]> } => {
  const seen: Array<readonly string[]> = [];
  return {
    seen,
    estimate: (_password, context) => {
      seen.push(context);
      return { guessesLog10, warning, warningCode };
    },
  };
};

describe('which passwords may be set', () => {
  it('accepts a long password that would take many guesses', () => {
    expect(() => assertAcceptablePassword('violet tractor nineteen', [], guessing(14))).not.toThrow();
  });

  it(`refuses fewer than ${PASSWORD_RULE.minLength} characters, counting characters rather than bytes`, () => {
    const error = errorFrom(() => assertAcceptablePassword('x7#Qz!9w@2L', [], guessing(20)));
    expect(error).toBeInstanceOf(PasswordTooWeak);
    expect(error).toMatchObject({ code: 'weak-password', message: `password: must be at least ${PASSWORD_RULE.minLength} characters (a few words make a good one)` });
    expect(() => assertAcceptablePassword('密码是一棵开花的老树吗真', [], guessing(20))).not.toThrow();
    expect(() => assertAcceptablePassword('密码是一棵开花的老树', [], guessing(20))).toThrow(PasswordTooWeak);
  });

  it('refuses more than the maximum', () => {
    expect(() => assertAcceptablePassword('a'.repeat(PASSWORD_RULE.maxLength + 1), [], guessing(99))).toThrow(/at most 200/);
  });

  it('refuses a guessable password with the estimator’s warning, naming the field', () => {
    const error = errorFrom(() => assertAcceptablePassword('password1234', [], guessing(4.2, 'This is similar to a commonly used password.'))) as PasswordTooWeak;
    expect(error.message).toBe('password: is too easy to guess (This is similar to a commonly used password): try a few unrelated words');
    expect(error.extensions()).toEqual({ refusal: 'guessable', errors: [{ field: 'password', messages: [error.reason] }] });
    expect(() => assertAcceptablePassword('password1234', [], guessing(PASSWORD_RULE.minGuessesLog10))).not.toThrow();
  });

  it('names the broken part of the rule and the warning by stable codes, for clients that word them in their own language', () => {
    const guessable = errorFrom(() => assertAcceptablePassword('password1234', [], guessing(4.2, 'This is similar to a commonly used password.', 'similarToCommon'))) as PasswordTooWeak;
    expect(guessable.extensions()).toMatchObject({ refusal: 'guessable', warning: 'similarToCommon' });
    expect((errorFrom(() => assertAcceptablePassword('short', [], guessing(20))) as PasswordTooWeak).extensions()).toMatchObject({ refusal: 'too-short', minLength: PASSWORD_RULE.minLength });
    expect((errorFrom(() => assertAcceptablePassword('a'.repeat(PASSWORD_RULE.maxLength + 1), [], guessing(99))) as PasswordTooWeak).extensions()).toMatchObject({ refusal: 'too-long', maxLength: PASSWORD_RULE.maxLength });
  });

  it('never asks for composition: no digit, capital or symbol is needed', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple', [], guessing(13))).not.toThrow();
  });

  it("gives the estimator the product's words and the person's own", () => {
    const estimator = guessing(12);
    assertAcceptablePassword('whatever it is here', passwordContext({ name: 'Li Wei', email: 'li.wei@example.com' }), estimator);
    expect(estimator.seen[0]).toEqual(['firsthand', 'helpdesk', 'support', 'Li Wei', 'Li', 'Wei', 'li.wei@example.com', 'li', 'wei']);
  });
});
