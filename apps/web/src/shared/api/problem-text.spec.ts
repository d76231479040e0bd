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

  it('words the refusals of the ticket panels (tags, macros, views, mails, customers) without the English detail', () => {
    for (const code of ['ticket-not-found', 'macro-not-found', 'macro-changed', 'saved-view-name-taken', 'mail-not-found', 'mail-original-not-kept', 'customer-not-found', 'customer-merged', 'customer-erased', 'export-not-found', 'export-gone']) {
      expect(problemText(problem(409, code, 'English detail'), inChinese)).toBe(zhCN[`problem.${code}` as keyof typeof zhCN]);
      expect(problemText(problem(409, code, 'English detail'), inEnglish)).toBe(en[`problem.${code}` as keyof typeof en]);
    }
    expect(problemText(problem(409, 'saved-view-name-taken', 'A view named "Mine" already exists there; pick another name.'), inChinese)).toBe('该范围内已有同名视图，请换一个名称。');
    expect(problemText(problem(404, 'mail-original-not-kept', 'This mail was over the size limit; its bytes were not kept.'), inChinese)).toBe('这封邮件超过大小上限，原件未保存。');
  });

  it("says to the customer, on the new-issue form and the tracking page, that their data is being erased and nothing new is taken until then", () => {
    const erasing = problem(409, 'customer-being-erased', "This customer's data is being erased at their request: nothing new is taken from them until that is done.");
    expect(problemText(erasing, inEnglish)).toBe('Your data is being erased, as you asked. Until that is done we cannot take anything new from you: no new request and no reply. Once it is done you can write to us again, and start afresh.');
    expect(problemText(erasing, inChinese)).toBe(zhCN['problem.customer-being-erased']);
    expect(problemText(erasing, inChinese)).not.toMatch(/[A-Za-z]{3}/);
  });

  it('words a refusal with the fields its body carries (the tag, the limits, the owner, the placeholders), and only when it carries them', () => {
    expect(problemText(problem(400, 'invalid-tag', '"#vip" is not a usable tag: use letters and digits.', { tag: '#vip' }), inChinese)).toBe(
      '“#vip”不能用作标签：请使用文字和数字（最多 40 个字符），可用单个空格、“-”、“_”、“.”或“/”连接。',
    );
    expect(problemText(problem(422, 'too-many-tags', 'A ticket carries at most 20 tags; this change would leave 21.', { limit: 20, wouldHave: 21 }), inChinese)).toBe('一个工单最多 20 个标签，此更改后将有 21 个。');
    expect(problemText(problem(422, 'too-many-tags', 'x', { limit: 20, wouldHave: 21 }), inEnglish)).toBe('A ticket carries at most 20 tags; this change would leave 21.');
    expect(problemText(problem(400, 'conflicting-tag-change', 'x', { tags: ['vip', '退款'] }), inChinese)).toBe('以下标签同时被添加和移除：vip、退款。');
    expect(problemText(problem(400, 'conflicting-tag-change', 'x', { tags: ['vip', 'refund'] }), inEnglish)).toBe('Tags both added and removed: vip, refund.');
    expect(problemText(problem(422, 'too-many-macros', 'x', { limit: 100 }), inChinese)).toBe('每位客服和每个团队最多 100 个宏，请先删除一个。');
    expect(problemText(problem(400, 'invalid-macro', 'Unknown placeholders: {{shoe_size}}.', { unknownPlaceholders: ['shoe_size'] }), inChinese)).toBe('未知的占位符：{{shoe_size}}。');
    expect(problemText(problem(409, 'saved-view-limit', 'x', { limit: 50 }), inChinese)).toBe('该范围内最多 50 个视图，请先删除一个。');
    expect(problemText(problem(409, 'too-many-exports', 'x', { limit: 3 }), inChinese)).toBe('同一客户最多同时有 3 个排队中或可下载的导出，请等其中一个过期。');
    expect(problemText(problem(409, 'ticket-owned-by-another', 'Wang Fang already owns this ticket.', { ownerId: 'a1', ownerName: 'Wang Fang' }), inChinese)).toBe('Wang Fang 已是此工单的负责人。');
    expect(problemText(problem(403, 'not-ticket-owner', 'x', { ownerId: 'a1', ownerName: 'Wang Fang' }), inChinese)).toBe('只有负责人 Wang Fang 可以执行此操作。您可以添加内部备注，或请求转交。');
    expect(problemText(problem(403, 'not-ticket-owner', 'x', { ownerId: null, ownerName: null }), inChinese)).toBe('此工单尚无负责人，请先认领。');
    expect(problemText(problem(429, 'too-many-requests', 'At most 600 API requests a minute from one address. Try again in 7 s.', { retryAfterSeconds: 7 }), inChinese)).toBe('此地址的请求过多，请 7 秒后再试。');
    expect(problemText(problem(503, 'service-unavailable', 'x', { retryAfterSeconds: 5 }), inChinese)).toBe('服务台暂时无法处理此请求，请 5 秒后再试。');
    expect(problemText(problem(503, 'service-unavailable', 'x'), inEnglish)).toBe(en['problem.service-unavailable-later']);
    expect(problemText(problem(409, 'canned-reply-shortcut-taken', 'Another of these canned replies already uses /refund.', { shortcut: 'refund' }), inChinese)).toBe('这些快捷回复中已有一条使用 /refund。');
    expect(problemText(problem(409, 'canned-reply-limit-reached', 'x', { scope: 'team', limit: 200 }), inChinese)).toBe('该团队已有 200 条快捷回复，请先删除一条。');
    expect(problemText(problem(409, 'canned-reply-limit-reached', 'x', { scope: 'personal', limit: 100 }), inEnglish)).toBe('You have 100 personal canned replies already: delete one first.');
    expect(
      problemText(problem(400, 'unknown-placeholders', 'x', { field: 'bodyZhCn', unknownPlaceholders: ['{{shoe}}'], knownPlaceholders: ['{{customer_name}}', '{{ticket_code}}'] }), inChinese),
    ).toBe('未知的占位符：{{shoe}}。可用的占位符有：{{customer_name}}、{{ticket_code}}。');
    expect(problemText(problem(404, 'canned-reply-not-found', 'No such canned reply.'), inChinese)).toBe('找不到该快捷回复。');

    // Without the fields it needs, a refusal keeps the server's own text rather than a guess.
    expect(problemText(problem(400, 'invalid-macro', 'A macro needs a name.'), inChinese)).toBe('A macro needs a name.');
    expect(problemText(problem(422, 'too-many-tags', 'A ticket carries at most 20 tags.', { limit: 20 }), inChinese)).toBe('A ticket carries at most 20 tags.');
    expect(problemText(problem(409, 'ticket-owned-by-another', 'Someone already owns this ticket.'), inChinese)).toBe('Someone already owns this ticket.');
  });

  it('words the settings pages\' refusals and the rate limits a customer or an agent can meet, with the wait when the body says it', () => {
    expect(problemText(problem(409, 'calendar-in-use', 'The calendar is the default, or a team or an SLA policy uses it; move them to another calendar first.'), inChinese)).toBe(
      '该日历是默认日历，或仍有团队或 SLA 策略在使用它：请先把它们改用其他日历。',
    );
    expect(problemText(problem(409, 'article-changed', 'Version 4 was saved after the one you edited; reload it and apply your change again.'), inEnglish)).toBe(
      'Someone saved this article after you opened it: reload it and apply your change again.',
    );
    const tooManyTickets = 'At most 5 tickets an hour may be opened from one address. Try again in 1800 s.';
    expect(problemText(problem(429, 'too-many-tickets', tooManyTickets, { retryAfterSeconds: 1800 }), inChinese)).toBe('此地址提交的新问题过多，请 30 分钟后再试。');
    expect(problemText(problem(429, 'too-many-tickets', tooManyTickets), inChinese)).toBe('此地址提交的新问题过多，请稍后再试。');
    expect(problemText(problem(429, 'too-many-replies', 'At most 30 customer replies a minute from one address. Try again in 12 s.', { retryAfterSeconds: 12 }), inEnglish)).toBe(
      'Too many replies in a short time. Try again in 12 s.',
    );
    // A long wait reads as a person would say it, not as thousands of seconds.
    expect(problemText(problem(429, 'too-many-replies', 'x', { retryAfterSeconds: 3580 }), inEnglish)).toBe('Too many replies in a short time. Try again in about 1 h.');
    expect(problemText(problem(429, 'too-many-replies', 'x', { retryAfterSeconds: 3580 }), inChinese)).toMatch(/请 1 小时后再试。$/);
    expect(problemText(problem(429, 'too-many-replies', 'x', { retryAfterSeconds: 150 }), inEnglish)).toBe('Too many replies in a short time. Try again in 3 min.');
    expect(problemText(problem(422, 'audit-export-too-large', 'At most 50000 entries per export: narrow the time range or the filters.', { maxRows: 50000 }), inChinese)).toBe(
      '每次导出最多 50000 条记录，请缩小时间范围或筛选条件。',
    );
    expect(problemText(problem(409, 'too-many-customer-tickets', 'This would change more than 500 tickets at once; ask an admin to split the record first.', { limit: 500 }), inChinese)).toBe(
      '这会一次更改超过 500 张工单：请先请管理员拆分该记录。',
    );
    expect(problemText(problem(409, 'ticket-already-rated', 'This ticket has already been rated.'), inChinese)).toBe('该工单已经评价过了。');
    const notYours = 'Only Li Wei, who shared this view, or a supervisor may change it.';
    expect(problemText(problem(403, 'saved-view-not-yours', notYours, { ownerName: 'Li Wei' }), inChinese)).toBe('只有共享此视图的 Li Wei 或主管可以修改它。');
    expect(problemText(problem(403, 'saved-view-not-yours', notYours), inEnglish)).toBe('Only the agent who shared this view, or a supervisor, may change it.');
    const slugTaken = 'Another category already has the address refunds.';
    expect(problemText(problem(409, 'category-slug-taken', slugTaken, { slug: 'refunds' }), inChinese)).toBe('已有其他分类使用地址 refunds，请换一个。');
    expect(problemText(problem(409, 'category-slug-taken', slugTaken, { slug: 'refunds' }), inEnglish)).toBe(slugTaken);
    expect(problemText(problem(409, 'category-slug-taken', slugTaken), inChinese)).toBe(slugTaken);
    const noHandoff = 'No handoff to you is waiting on this ticket.';
    expect(problemText(problem(409, 'handoff-conflict', noHandoff, { reason: 'no-handoff-to-you', pendingHandoffToId: null }), inChinese)).toBe('此工单上已没有等待您答复的转交。');
    expect(problemText(problem(409, 'handoff-conflict', noHandoff, { pendingHandoffToId: null }), inChinese)).toBe(noHandoff);
    const samePhone = 'Another customer record has the same phone number; merge that record first.';
    expect(problemText(problem(409, 'customer-merge-refused', samePhone, { reason: 'same-phone' }), inChinese)).toBe('另一条客户记录使用相同的电话号码，请先合并那条记录。');
    expect(problemText(problem(409, 'customer-merge-refused', samePhone, { reason: 'something-new' }), inChinese)).toBe(samePhone);
  });

  it("falls back to the server's text for a problem it does not know, and to the message for a network error", () => {
    expect(problemText(problem(409, 'something-new', 'Something new happened.'), inChinese)).toBe('Something new happened.');
    expect(problemText(new TypeError('Failed to fetch'), inChinese)).toBe('Failed to fetch');
  });
});
