import { Fragment, useMemo } from 'react';
import { linkedTextParts } from './linked-text.js';

/**
 * A message's or note's plain text with its web and email addresses clickable, as React text and
 * anchors (never HTML). Each link opens apart from the page and sends no Referer: the tracking
 * page's address carries the customer's private link, and a customer's link is not vouched for.
 */
export function LinkedText({ text }: { text: string }) {
  const parts = useMemo(() => linkedTextParts(text), [text]);
  return parts.map((part, i) =>
    part.kind === 'link' ? (
      <a key={i} className="linked-text" href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc">
        {part.text}
      </a>
    ) : (
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}
