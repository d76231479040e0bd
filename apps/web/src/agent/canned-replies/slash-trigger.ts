/** A `/word` being typed: where its slash is and the word so far. */
export interface SlashTrigger {
  start: number;
  query: string;
}

// A slash at the start of the text, a line or a word, followed by the shortcut's letters so far.
const TRIGGER = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

/** The `/word` that ends at the caret, if one does; a slash inside a word or a URL ("and/or", "https://") is not one. */
export function slashTriggerAt(text: string, caret: number): SlashTrigger | null {
  const match = TRIGGER.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** The text with the `/word` replaced by `insert`, and where the caret goes after it. */
export function insertAtTrigger(text: string, trigger: SlashTrigger, caret: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, trigger.start) + insert + text.slice(caret), caret: trigger.start + insert.length };
}
