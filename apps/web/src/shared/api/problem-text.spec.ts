import { en } from '../i18n/messages-en.js';
import { zhCN } from '../i18n/messages-zh-cn.js';
import { translate, type Translate } from '../i18n/locale.js';
import { problemText, type ProblemLike } from './problem-text.js';

const inEnglish: Translate = (key, params) => translate(en, key, params);
const inChinese: Translate = (key, params) => translate(zhCN, key, params);
const problem = (status: number, code: string, message: string, body: Record<string, unknown> = {}): ProblemLike & Error =>
  Object.assign(new Error(message), { status, code, body: { type: `https://firsthand.dev/problems/${code}`, status, detail: message, ...body } });

describe('what a refusal from the API says, in the reader\'s language', () => {
  it('words a guessable password and the estimator\'s reason, without the field name or the English detail', () => {
    const weak = problem(422, 'weak-password', 'password: is too easy to guess (This is similar to a commonly used password): try a few unrelated words', {
      refusal: 'guessable',
      warning: 'similarToCommon',
      errors: [{ field: 'password', messages: ['is too easy to guess (This is similar to a commonly used password): try a few unrelated words'] }],
    });
    expect(problemText(weak, inChinese)).toBe('密码太容易被猜到（与常用密码相似），试试几个互不相关的词。');
    expect(problemText(weak, inEnglish)).toBe('The password is too easy to guess (this is similar to a commonly used password): try a few unrelated words.');
  });

  it('words a short or long password with its limit, and an unknown warning or refusal in general terms', () => {
    expect(problemText(problem(422, 'weak-password', 'x', { refusal: 'too-short', minLength: 12 }), inChinese)).toBe('密码至少需要 12 个字符（几个词组合起来就很好）。');
    expect(problemText(problem(422, 'weak-password', 'x', { refusal: 'too-long', maxLength: 200 }), inEnglish)).toBe('The password must be at most 200 characters.');
    expect(problemText(problem(422, 'weak-password', 'x', { refusal: 'guessable', warning: 'somethingNew' }), inChinese)).toBe('密码太容易被猜到，试试几个互不相关的词。');
    expect(problemText(problem(422, 'weak-password', 'password: whatever'), inChinese)).toBe(zhCN['problem.weak-password']);
  });

  it('words the sign-in refusals: wrong code, wrong password, locked, throttled, session over', () => {
    expect(problemText(problem(401, 'invalid-second-factor', 'The code is wrong or too old for this account.'), inChinese)).toBe(zhCN['problem.invalid-second-factor']);
    expect(problemText(problem(401, 'invalid-credentials', 'Email or password is wrong, or the account is disabled.'), inChinese)).toBe('邮箱或密码错误，或该账号已停用。');
    expect(problemText(problem(403, 'agent-locked', 'An admin has locked this account; ask an admin to unlock it.'), inChinese)).toBe(zhCN['problem.agent-locked']);
    expect(problemText(problem(429, 'login-throttled', 'Too many', { retryAfterSeconds: 42 }), inChinese)).toBe('此账号或此地址登录失败次数过多，请 42 秒后再试。');
    expect(problemText(problem(429, 'login-throttled', 'Too many'), inEnglish)).toBe(en['problem.login-throttled-later']);
    for (const code of ['challenge-expired', 'second-factor-replayed', 'invalid-recovery-code', 'unauthenticated', 'password-login-off', 'agent-deactivated', 'email-taken']) {
      expect(problemText(problem(401, code, 'English detail'), inChinese)).not.toMatch(/[A-Za-z]{3}/);
    }
  });

  it("falls back to the server's text for a problem it does not know, and to the message for a network error", () => {
    expect(problemText(problem(409, 'something-new', 'Something new happened.'), inChinese)).toBe('Something new happened.');
    expect(problemText(new TypeError('Failed to fetch'), inChinese)).toBe('Failed to fetch');
  });
});
