import { SINGLE_LINE_TEXT } from '@firsthand/domain';
import { Matches } from 'class-validator';

/**
 * A line of text that goes into other people's views and email headers (a subject, a name): no
 * control characters (a bell, an escape, a line break), and none of Unicode's direction overrides
 * and isolates, which make "invoice‮fdp.exe" read as something it is not.
 */
export function SingleLineText(): PropertyDecorator {
  return Matches(SINGLE_LINE_TEXT, {
    message: ({ property }) => `${property} may not contain control characters, line breaks or text-direction overrides`,
  });
}
