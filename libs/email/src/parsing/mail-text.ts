/**
 * The text a mail shows: its text part, or for an HTML-only mail mailparser's reduction of the
 * HTML to text (html-to-text: no tags, no attributes, no script or style content). That reduction
 * writes a link's or an image's URL after it as "[url]"; only web and mail links are worth an
 * agent's eye, so any other scheme (javascript:, data:, cid:, file:) is dropped with its brackets.
 * Outlook's plain text alternatives write the same "[cid:image001.png@…]" placeholders.
 *
 * (sanitize-html is not used: it requires the ESM-only htmlparser2 12 from CommonJS, which Jest
 * cannot load on Node 20.)
 */
// "[" is kept out of the URL so that every scan stops at the next one: linear on any text.
const NON_WEB_URL = /[ \t]?\[(?!https?:|mailto:)[a-z][a-z0-9+.-]{0,30}:[^\]\s[]*\]/gi;

export function mailText(parsedText: string | undefined): string {
  return (parsedText ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(NON_WEB_URL, '')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
