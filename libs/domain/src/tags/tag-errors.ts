import { DomainError } from '../domain-errors.js';

/** A tag that is empty, too long or uses characters tags do not take. */
export class InvalidTag extends DomainError {
  readonly code = 'invalid-tag';
  constructor(readonly tag: string, reason: string) {
    super(`"${tag}" is not a usable tag: ${reason}.`);
  }
  override extensions() {
    return { tag: this.tag };
  }
}

/** The change would leave the ticket with more tags than it may carry. */
export class TooManyTags extends DomainError {
  readonly code = 'too-many-tags';
  constructor(readonly limit: number, readonly wouldHave: number) {
    super(`A ticket carries at most ${limit} tags; this change would leave ${wouldHave}.`);
  }
  override extensions() {
    return { limit: this.limit, wouldHave: this.wouldHave };
  }
}

/** The same tag both added and removed in one change. */
export class ConflictingTagChange extends DomainError {
  readonly code = 'conflicting-tag-change';
  constructor(readonly tags: string[]) {
    super(`Tags both added and removed: ${tags.join(', ')}.`);
  }
  override extensions() {
    return { tags: this.tags };
  }
}
