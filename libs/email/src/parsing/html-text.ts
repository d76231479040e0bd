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

/**
 * The parser under html-to-text keeps its open elements in an array it shifts, so parsing is
 * quadratic in how deep elements nest (mailparser measured 200k nested <b> at 9 s), and the
 * converter's walk recurses with the depth. So HTML with more start tags than any real mail has is
 * not reduced (its text stays empty, as mailparser left it), and the walk stops 1,000 levels down.
 */
const MAX_START_TAGS = 50_000;
const MAX_DEPTH = 1_000;
const START_TAG = /<[a-zA-Z]/g;

export function htmlText(html: string): string {
  let tags = 0;
  START_TAG.lastIndex = 0;
  while (START_TAG.exec(html) !== null) if (++tags > MAX_START_TAGS) return '';
  return convert(html, { ...OPTIONS, limits: { maxDepth: MAX_DEPTH } });
}
