import { DomainError } from '../domain-errors.js';

export class MacroNotFound extends DomainError {
  readonly code = 'macro-not-found';
  constructor() {
    super('No such macro.');
  }
}

/** A macro that would do nothing, or whose texts name placeholders there are no values for. */
export class InvalidMacro extends DomainError {
  readonly code = 'invalid-macro';
  constructor(message: string, readonly unknownPlaceholders: string[] = []) {
    super(message);
  }
  override extensions() {
    return this.unknownPlaceholders.length ? { unknownPlaceholders: this.unknownPlaceholders } : {};
  }
}

export class TooManyMacros extends DomainError {
  readonly code = 'too-many-macros';
  constructor(readonly limit: number) {
    super(`At most ${limit} macros per agent and per team; delete one first.`);
  }
  override extensions() {
    return { limit: this.limit };
  }
}
