import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { RequestValidationFailed, type FieldProblem } from './problem.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Paths of strings holding NUL, which PostgreSQL `text` cannot store: refused here, for every route, rather than as a 500 at write time. */
function fieldsWithNul(value: unknown, path: string, found: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (value && typeof value === 'object' && depth < 32 && found.length < 10) {
    for (const [key, inner] of Object.entries(value)) fieldsWithNul(inner, path ? `${path}.${key}` : key, found, depth + 1);
  }
  return found;
}

/**
 * Rejects unknown fields instead of dropping them, turns every failure into one problem listing all
 * bad fields, and refuses bodies that are not JSON objects, or that hold NUL characters, before class-validator sees them.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.metatype && ![String, Number, Boolean, Array, Object].includes(metadata.metatype as never);
    if (isDto && (metadata.type === 'body' || metadata.type === 'query')) {
      if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new RequestValidationFailed([{ field: metadata.type, messages: [`${metadata.type} must be a JSON object`] }]);
      }
    }
    // What the client sent (body, query, path), not what the server made (the signed-in agent).
    const withNul = metadata.type === 'custom' ? [] : fieldsWithNul(value, metadata.data ?? '');
    if (withNul.length) throw new RequestValidationFailed(withNul.map((field) => ({ field: field || metadata.type, messages: [`${field || metadata.type} must not contain NUL characters`] })));
    return super.transform(value, metadata);
  }
}
