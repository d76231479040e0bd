import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * An HTML mail's words as text, for a mail with no text part of its own (or an empty one): no
 * tags, no script or style, no images; a table's cells apart and its rows on lines of their own,
 * where mailparser's own reduction ran them together ("ItemQtyVase2", "9:00401"). A link keeps its
 * URL after it ("[url]") unless its text is the URL; `mailText` then drops the non-web ones.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  formatters: {
    cellThenSpace(elem, walk, builder) {
      walk(elem.children, builder);
      builder.addInline(' ');
    },
  },
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'th', format: 'cellThenSpace' },
    { selector: 'td', format: 'cellThenSpace' },
  ],
};

export function htmlText(html: string): string {
  return convert(html, OPTIONS);
}
