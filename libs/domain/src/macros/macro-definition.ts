import { ConflictingTagChange } from '../tags/tag-errors.js';
import { TAG_LIMITS } from '../tags/tag-limits.js';
import { TooManyTags } from '../tags/tag-errors.js';
import { normaliseTags } from '../tags/tag-normalising.js';
import type { MacroActions } from './macro.js';
import { InvalidMacro } from './macro-errors.js';
import { unknownPlaceholders } from '../canned-replies/canned-reply-template.js';

export interface MacroDraft extends MacroActions {
  name: string;
}

/**
 * A macro as it is stored: name trimmed, tags normalised, empty replies as null. Refuses a macro that
 * would do nothing, a tag both added and removed, and placeholders there are no values for.
 */
export function defineMacro(draft: MacroDraft): MacroDraft {
  const name = draft.name.trim();
  if (!name) throw new InvalidMacro('A macro needs a name.');
  const reply = {
    'zh-CN': draft.reply['zh-CN']?.trim() ? draft.reply['zh-CN'] : null,
    en: draft.reply.en?.trim() ? draft.reply.en : null,
  };
  // A macro's reply is a canned reply bundled with actions: the same placeholders, filled by the same renderer.
  const unknown = [...new Set([reply['zh-CN'], reply.en].flatMap((text) => (text ? unknownPlaceholders(text).map((p) => p.slice(2, -2).trim()) : [])))];
  if (unknown.length) throw new InvalidMacro(`Unknown placeholders: ${unknown.map((p) => `{{${p}}}`).join(', ')}.`, unknown);
  const addTags = normaliseTags(draft.addTags);
  const removeTags = normaliseTags(draft.removeTags);
  const both = addTags.filter((t) => removeTags.includes(t));
  if (both.length) throw new ConflictingTagChange(both);
  if (addTags.length > TAG_LIMITS.perTicket) throw new TooManyTags(TAG_LIMITS.perTicket, addTags.length);
  const defined = { name, reply, status: draft.status, addTags, removeTags, priority: draft.priority };
  if (!reply['zh-CN'] && !reply.en && !draft.status && !draft.priority && !addTags.length && !removeTags.length) {
    throw new InvalidMacro('A macro must do something: a reply, a status, tags or a priority.');
  }
  return defined;
}
