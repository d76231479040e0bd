import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationFailed } from './problem.js';

/** `:id` route parameters: anything but a UUID is a 400 naming the parameter. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationFailed([{ field: name, messages: [`${name} must be a UUID`] }]) });
