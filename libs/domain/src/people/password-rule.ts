import { DomainError } from '../domain-errors.js';

/**
 * NIST SP 800-63B for passwords people choose: a minimum length, a generous maximum, a check against
 * common, breached-looking and context-specific passwords (the product's name, the person's own
 * name and email), and no composition rules ("one digit, one symbol"), which only make passwords
 * harder to remember and no harder to guess.
 */
export const PASSWORD_RULE = {
  /** 800-63B asks for at least 8; 12 because these accounts see every customer's data. */
  minLength: 12,
  maxLength: 200,
  /** About 10^8 guesses: zxcvbn's "safely unguessable" for an offline attack on a slow hash (we use bcrypt). */
  minGuessesLog10: 8,
} as const;

/** How many guesses a password would take a well-informed attacker: a dictionary library behind this interface. */
export interface PasswordGuessing {
  /** `warningCode`: the library's stable name for the warning (`similarToCommon`), for clients that word it themselves. */
  estimate(password: string, context: readonly string[]): { guessesLog10: number; warning: string | null; warningCode?: string | null };
}

/** Which part of the rule a refused password broke: clients word it from this, not from the English reason. */
export type PasswordRefusal = 'too-short' | 'too-long' | 'guessable';

/** Words of the product and of the person: a password built from them is easy to guess for whoever targets us. */
export function passwordContext(person: { name?: string; email?: string }): string[] {
  const words = ['firsthand', 'helpdesk', 'support'];
  if (person.name) words.push(person.name, ...person.name.split(/\s+/));
  if (person.email) words.push(person.email, ...person.email.split('@')[0]!.split(/[._+-]+/));
  return words.filter((w) => w.length > 0);
}

export class PasswordTooWeak extends DomainError {
  readonly code = 'weak-password';
  constructor(
    readonly reason: string,
    readonly refusal: PasswordRefusal,
    readonly warningCode: string | null = null,
  ) {
    super(`password: ${reason}`);
  }
  override extensions() {
    return {
      refusal: this.refusal,
      ...(this.refusal === 'too-short' ? { minLength: PASSWORD_RULE.minLength } : this.refusal === 'too-long' ? { maxLength: PASSWORD_RULE.maxLength } : {}),
      ...(this.warningCode ? { warning: this.warningCode } : {}),
      errors: [{ field: 'password', messages: [this.reason] }],
    };
  }
}

/** Throws `PasswordTooWeak`, saying why, unless the password may be set. Length counts characters, not bytes. */
export function assertAcceptablePassword(password: string, context: readonly string[], guessing: PasswordGuessing): void {
  const length = [...password].length;
  if (length < PASSWORD_RULE.minLength) throw new PasswordTooWeak(`must be at least ${PASSWORD_RULE.minLength} characters (a few words make a good one)`, 'too-short');
  if (length > PASSWORD_RULE.maxLength) throw new PasswordTooWeak(`must be at most ${PASSWORD_RULE.maxLength} characters`, 'too-long');
  const { guessesLog10, warning, warningCode } = guessing.estimate(password, context);
  if (guessesLog10 < PASSWORD_RULE.minGuessesLog10) {
    throw new PasswordTooWeak(`is too easy to guess${warning ? ` (${warning.replace(/\.$/, '')})` : ''}: try a few unrelated words`, 'guessable', warningCode ?? null);
  }
}
