import { judgeSms, smsDestination, type SmsBudgets, type SmsUsage } from './sms-budget.js';

const budgets: SmsBudgets = {
  perCustomerPerHour: 10,
  perNumberPerHour: 3,
  perCountryPerHour: 5,
  perHour: 8,
  allowedPrefixes: ['+86', '+852', '+1', '+1876'],
  homePrefix: '+86',
};
const fresh: SmsUsage = { toCustomer: 0, toNumber: 0, toPrefix: 0, total: 0, proven: false };
const china = smsDestination('+86 138 0000 0001', budgets);

describe('where an SMS would go', () => {
  it('writes numbers in international form, whatever the spacing', () => {
    expect(smsDestination('+86 (138) 0000-0001', budgets)).toEqual({ number: '+8613800000001', prefix: '+86' });
    expect(smsDestination('0085291234567', budgets)).toEqual({ number: '+85291234567', prefix: '+852' });
  });

  it('takes a number without a country code as national, dropping the trunk 0', () => {
    expect(smsDestination('138 0000 0001', budgets).number).toBe('+8613800000001');
    expect(smsDestination('010 1234 5678', budgets).number).toBe('+861012345678');
  });

  it('files a number under the longest allowed prefix, or none', () => {
    expect(smsDestination('+1 876 555 0100', budgets).prefix).toBe('+1876');
    expect(smsDestination('+1 212 555 0100', budgets).prefix).toBe('+1');
    expect(smsDestination('+882 1234 5678', budgets)).toEqual({ number: '+88212345678', prefix: null });
  });
});

describe('which SMS budget applies', () => {
  it('sends within every budget', () => {
    expect(judgeSms(china, fresh, budgets)).toEqual({ status: 'pending' });
  });

  it('refuses a number outside the allowed prefixes, even for a proven customer', () => {
    const verdict = judgeSms(smsDestination('+882 1234 5678', budgets), { ...fresh, proven: true }, budgets);
    expect(verdict).toEqual({ status: 'refused', reason: '+88212345678 is not in an allowed country prefix (+86, +852, +1, +1876)' });
  });

  it("refuses past one number's budget, even for a proven customer", () => {
    expect(judgeSms(china, { ...fresh, toNumber: 2, proven: true }, budgets)).toEqual({ status: 'pending' });
    expect(judgeSms(china, { ...fresh, toNumber: 3, proven: true }, budgets)).toEqual({ status: 'refused', reason: 'more than 3 SMS to +8613800000001 in an hour' });
  });

  it("suppresses past the customer's own cap, as before", () => {
    expect(judgeSms(china, { ...fresh, toCustomer: 10, proven: true }, budgets)).toMatchObject({ status: 'suppressed' });
  });

  it('refuses an unproven customer past the country budget, and past the global one', () => {
    expect(judgeSms(china, { ...fresh, toPrefix: 4, total: 7 }, budgets)).toEqual({ status: 'pending' });
    expect(judgeSms(china, { ...fresh, toPrefix: 5 }, budgets)).toEqual({
      status: 'refused',
      reason: 'more than 5 SMS to +86 numbers in an hour, and no agent has taken on this customer yet',
    });
    expect(judgeSms(china, { ...fresh, total: 8 }, budgets)).toMatchObject({ status: 'refused', reason: expect.stringContaining('more than 8 SMS in an hour') });
  });

  it('lets a proven customer past the shared budgets, so a flood cannot starve real customers', () => {
    expect(judgeSms(china, { ...fresh, toPrefix: 500, total: 900, proven: true }, budgets)).toEqual({ status: 'pending' });
  });

  it('sends nothing when a budget is zero', () => {
    expect(judgeSms(china, fresh, { ...budgets, perHour: 0 })).toMatchObject({ status: 'refused' });
    const nowhere = { ...budgets, allowedPrefixes: [] };
    expect(judgeSms(smsDestination('+86 138 0000 0001', nowhere), fresh, nowhere)).toMatchObject({ status: 'refused' });
  });
});
