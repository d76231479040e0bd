import { Matches } from 'class-validator';

/**
 * Text that must say something: spaces, tabs and line breaks alone are refused like an empty
 * string (a blank reply would otherwise be sent to the customer, and claim the ticket).
 */
export function NotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: ({ property }) => `${property} must not be blank` });
}
