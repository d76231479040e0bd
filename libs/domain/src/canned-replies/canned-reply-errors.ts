import { DomainError, RoleRequired } from '../domain-errors.js';
import { CANNED_REPLY_PLACEHOLDERS } from './canned-reply-template.js';
import type { CannedReplyScope } from './canned-reply-access.js';

/** No such reply, or another agent's personal one, or another team's. */
export class CannedReplyNotFound extends DomainError {
  readonly code = 'canned-reply-not-found';
  constructor() {
    super('No such canned reply.');
  }
}

export class UnknownPlaceholders extends DomainError {
  readonly code = 'unknown-placeholders';
  constructor(readonly field: string, readonly placeholders: string[]) {
    super(`${field} uses ${placeholders.join(', ')}; the placeholders are ${CANNED_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`);
  }
  override extensions() {
    return { field: this.field, unknownPlaceholders: this.placeholders, knownPlaceholders: CANNED_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`) };
  }
}

export class CannedReplyLimitReached extends DomainError {
  readonly code = 'canned-reply-limit-reached';
  constructor(readonly scope: CannedReplyScope, readonly limit: number) {
    super(scope === 'personal' ? `You have ${limit} personal canned replies already; delete one first.` : `The team has ${limit} canned replies already; delete one first.`);
  }
  override extensions() {
    return { scope: this.scope, limit: this.limit };
  }
}

export class CannedReplyShortcutTaken extends DomainError {
  readonly code = 'canned-reply-shortcut-taken';
  constructor(readonly shortcut: string) {
    super(`Another of these canned replies already uses /${shortcut}.`);
  }
  override extensions() {
    return { shortcut: this.shortcut };
  }
}

/** Team replies speak for the team: its seniors, and supervisors and admins, write them. */
export class TeamRepliesRoleRequired extends RoleRequired {
  constructor() {
    super(['senior', 'supervisor', 'admin'], "change a team's canned replies");
    this.message = "Only the team's seniors, supervisors and admins may change its canned replies; write a personal one instead.";
  }
}
