import { Matches } from 'class-validator';

/**
 * A line of text that goes into other people's views and email headers (a subject, a name): no
 * control characters (a bell, an escape, a line break), and none of Unicode's direction overrides
 * and isolates, which make "invoice‮fdp.exe" read as something it is not.
 */
export function SingleLineText(): PropertyDecorator {
  return Matches(/^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]*$/, {
    message: ({ property }) => `${property} may not contain control characters, line breaks or text-direction overrides`,
  });
}
