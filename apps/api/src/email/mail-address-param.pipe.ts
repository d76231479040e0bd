import type { PipeTransform } from '@nestjs/common';
import { isCopyableAddress } from '@firsthand/domain';
import { RequestValidationFailed } from '../http/problem.js';

/** An email address route parameter, lower-cased: anything else is a 400 naming the parameter. */
export const mailAddressParam = (name: string): PipeTransform<string, string> => ({
  transform(value: string) {
    if (typeof value !== 'string' || !isCopyableAddress(value)) {
      throw new RequestValidationFailed([{ field: name, messages: [`${name} must be one email address of at most 254 characters`] }]);
    }
    return value.toLowerCase();
  },
});
