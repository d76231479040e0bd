import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import type { PasswordGuessing } from '@firsthand/domain';

/**
 * zxcvbn-ts: common and breached passwords, English words and names, keyboard walks, sequences,
 * repeats, dates and l33t substitutions, plus the words passed in as context. Its dictionaries
 * take a few hundred milliseconds to load, so they load when a password is first set, not at boot.
 */
@Injectable()
export class ZxcvbnPasswordGuessing implements PasswordGuessing {
  private zxcvbn: ZxcvbnFactory | null = null;

  estimate(password: string, context: readonly string[]): { guessesLog10: number; warning: string | null } {
    this.zxcvbn ??= new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
    const result = this.zxcvbn.check(password, [...context]);
    return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
  }
}
