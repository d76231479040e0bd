/**
 * What a prompt leaves out of the customer's text before it goes to a language model: addresses,
 * phone and card or identity numbers, links (tracking links carry tokens), and the names of the
 * people on the ticket. Order numbers and other short figures stay: the draft needs them.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/https?:\/\/\S+/gi, '[link]'],
  // Bounded parts: an unbounded local part made a 50,000-character word take seconds.
  [/[^\s@<>()"'，。]{1,64}@[^\s@<>()"'，。]{1,253}\.[A-Za-z]{2,}/g, '[email]'],
  [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, '[id-number]'],
  [/(?<!\d)(?:\d{4}[ -]?){3}\d{1,7}(?!\d)/g, '[card-number]'],
  [/\+\d{1,3}[\s-]?\d(?:[\d\s-]{5,14}\d)/g, '[phone]'],
  [/(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[phone]'],
];

export interface PeopleNames {
  customer: string[];
  agents: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function withoutPersonalData(text: string, names: PeopleNames = { customer: [], agents: [] }): string {
  let out = text;
  for (const [pattern, mark] of PATTERNS) out = out.replace(pattern, mark);
  const byLength = (list: string[]) => [...new Set(list.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of byLength(names.customer)) out = out.replace(namePattern(name), '[customer]');
  for (const name of byLength(names.agents)) out = out.replace(namePattern(name), '[agent]');
  return out;
}

/** A Latin-script name matches whole words only ("Li" is not taken out of "Lithium"); a Chinese one anywhere, as Chinese has no spaces. */
function namePattern(name: string): RegExp {
  const latin = /^[\p{Script=Latin}\d .'-]+$/u.test(name);
  return new RegExp(latin ? `(?<![\\p{L}\\d])${escape(name)}(?![\\p{L}\\d])` : escape(name), 'giu');
}
