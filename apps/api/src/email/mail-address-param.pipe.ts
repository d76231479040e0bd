import type { PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../http/problem.js';

const ADDRESS = /^[^\s@<>(),;:"[\]\\]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/** An email address route parameter, lower-cased: anything else is a 400 naming the parameter. */
export const mailAddressParam = (name: string): PipeTransform<string, string> => ({
  transform(value: string) {
    if (typeof value !== 'string' || value.length > 254 || !ADDRESS.test(value)) {
      throw new RequestValidationFailed([{ field: name, messages: [`${name} must be an email address of at most 254 characters`] }]);
    }
    return value.toLowerCase();
  },
});
