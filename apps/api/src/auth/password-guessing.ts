import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { PasswordGuessing } from '@firsthand/domain';

const load = createRequire(import.meta.url);

/**
 * zxcvbn-ts: common and breached passwords, English words and names, keyboard walks, sequences,
 * repeats, dates and l33t substitutions, plus the words passed in as context. Its modules and
 * dictionaries cost about 0.2 s of CPU to load, so they load when a password is first set, not at
 * boot (a synchronous require: the rule that asks is synchronous).
 */
@Injectable()
export class ZxcvbnPasswordGuessing implements PasswordGuessing {
  private zxcvbn: { factory: ZxcvbnFactory; warningCodes: Map<string, string> } | null = null;

  estimate(password: string, context: readonly string[]): { guessesLog10: number; warning: string | null; warningCode: string | null } {
    this.zxcvbn ??= loadZxcvbn();
    const result = this.zxcvbn.factory.check(password, [...context]);
    const warning = result.feedback.warning;
    return { guessesLog10: result.guessesLog10, warning, warningCode: warning ? (this.zxcvbn.warningCodes.get(warning) ?? null) : null };
  }
}

/** The factory, and its English warnings back to their keys (zxcvbn-ts reports only the translated text). */
function loadZxcvbn(): { factory: ZxcvbnFactory; warningCodes: Map<string, string> } {
  const core = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = load('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  const factory = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return { factory, warningCodes: new Map(Object.entries(english.translations.warnings).map(([code, text]) => [text, code])) };
}
