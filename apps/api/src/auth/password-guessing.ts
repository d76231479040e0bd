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
  private zxcvbn: ZxcvbnFactory | null = null;

  estimate(password: string, context: readonly string[]): { guessesLog10: number; warning: string | null } {
    this.zxcvbn ??= loadZxcvbn();
    const result = this.zxcvbn.check(password, [...context]);
    return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
  }
}

function loadZxcvbn(): ZxcvbnFactory {
  const core = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = load('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
}
