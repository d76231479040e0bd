/**
 * SMS cost money per message, so anyone who can make Firsthand text a number can spend our money
 * ("SMS pumping": one anonymous client opens tickets with many premium numbers). These rules decide,
 * for one SMS about to be stored, whether it may go out. The counts come from the stored
 * notifications of the last hour; the decision is here so it can be tested without a database.
 */

/** The operator's SMS limits (libs/config: SMS_*). Zero means "none of this kind may go". */
export interface SmsBudgets {
  /** At most this many SMS to one customer in an hour; more are suppressed (the customer's own flood of events). */
  perCustomerPerHour: number;
  /** At most this many SMS to one number in an hour, whoever the customer. */
  perNumberPerHour: number;
  /** Unproven customers share this many SMS per country prefix in an hour. */
  perCountryPerHour: number;
  /** Unproven customers share this many SMS in an hour, all prefixes together. */
  perHour: number;
  /** Country calling codes SMS may go to, with their "+" ("+86", "+852"). Longest match wins. */
  allowedPrefixes: readonly string[];
  /** The country code a number written without one belongs to ("+86"). */
  homePrefix: string;
}

/** Where an SMS would go: the number in international form, and the allowed prefix it falls under (null: none). */
export interface SmsDestination {
  number: string;
  prefix: string | null;
}

/** SMS stored in the last hour that count against each budget (refused and suppressed ones do not). */
export interface SmsUsage {
  toCustomer: number;
  toNumber: number;
  toPrefix: number;
  total: number;
  /**
   * An agent has taken on one of the customer's tickets (claimed, answered or been assigned it):
   * a person on our side has judged the customer real. A client alone cannot bring this about.
   */
  proven: boolean;
}

export type SmsVerdict =
  | { status: 'pending' }
  /** The customer's own per-hour cap: too many events, nothing suspicious. */
  | { status: 'suppressed'; reason: string }
  /** A cost budget or the prefix allow-list: the SMS is kept as a record for supervisors, and never sent. */
  | { status: 'refused'; reason: string };

/**
 * The number in international form: "+" and digits only. "00" is the international call prefix;
 * a number without either is taken as national, in the home country (a leading trunk "0" dropped).
 */
export function smsDestination(phone: string, budgets: Pick<SmsBudgets, 'allowedPrefixes' | 'homePrefix'>): SmsDestination {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  const number = trimmed.startsWith('+') ? `+${digits}` : digits.startsWith('00') ? `+${digits.slice(2)}` : `${budgets.homePrefix}${digits.replace(/^0/, '')}`;
  const prefix = budgets.allowedPrefixes.filter((p) => number.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? null;
  return { number, prefix };
}

/**
 * Whether one SMS may go. Order matters for the reason a supervisor reads: the allow-list first
 * (never spend on a country we do not serve), then the number's own budget (which protects the
 * person at that number too), then the customer's cap; the shared budgets bind only customers
 * nobody has vouched for, so a flood of new tickets cannot starve the SMS of real customers.
 */
export function judgeSms(destination: SmsDestination, usage: SmsUsage, budgets: SmsBudgets): SmsVerdict {
  if (destination.prefix === null) return { status: 'refused', reason: `${destination.number} is not in an allowed country prefix (${budgets.allowedPrefixes.join(', ') || 'none'})` };
  if (usage.toNumber >= budgets.perNumberPerHour) return { status: 'refused', reason: `more than ${budgets.perNumberPerHour} SMS to ${destination.number} in an hour` };
  if (usage.toCustomer >= budgets.perCustomerPerHour) return { status: 'suppressed', reason: `more than ${budgets.perCustomerPerHour} SMS to this customer in an hour` };
  if (usage.proven) return { status: 'pending' };
  if (usage.toPrefix >= budgets.perCountryPerHour) {
    return { status: 'refused', reason: `more than ${budgets.perCountryPerHour} SMS to ${destination.prefix} numbers in an hour, and no agent has taken on this customer yet` };
  }
  if (usage.total >= budgets.perHour) return { status: 'refused', reason: `more than ${budgets.perHour} SMS in an hour, and no agent has taken on this customer yet` };
  return { status: 'pending' };
}
