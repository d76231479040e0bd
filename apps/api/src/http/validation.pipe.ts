import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { unstorablePart } from '@firsthand/domain';
import { RequestValidationFailed, type FieldProblem } from './problem.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Strings PostgreSQL cannot store: `text` holds no NUL, and a lone UTF-16 surrogate has no UTF-8
 * form. Refused here, for every route, rather than as a 500 at write or query time.
 */
function unstorableStrings(value: unknown, path: string, found: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const part = unstorablePart(value);
    if (part === 'nul') found.push({ field: path, messages: [`${path} must not contain NUL characters`] });
    else if (part === 'lone-surrogate') found.push({ field: path, messages: [`${path} must not contain unpaired UTF-16 surrogates`] });
  } else if (value && typeof value === 'object' && depth < 32 && found.length < 10) {
    for (const [key, inner] of Object.entries(value)) unstorableStrings(inner, path ? `${path}.${key}` : key, found, depth + 1);
  }
  return found;
}

/**
 * Rejects unknown fields instead of dropping them, turns every failure into one problem listing all
 * bad fields, and refuses bodies that are not JSON objects, or that hold strings PostgreSQL cannot store, before class-validator sees them.
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
    const unstorable = (metadata.type === 'custom' ? [] : unstorableStrings(value, metadata.data ?? '')).map(({ field, messages }) =>
      field ? { field, messages } : { field: metadata.type, messages: messages.map((m) => `${metadata.type}${m}`) },
    );
    if (unstorable.length === 0) return super.transform(value, metadata);
    // Every bad field in one answer: class-validator's findings on the rest join the unstorable strings.
    try {
      await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RequestValidationFailed) {
        const named = new Set(unstorable.map((p) => p.field));
        throw new RequestValidationFailed([...unstorable, ...error.errors.filter((p) => !named.has(p.field))]);
      }
    }
    throw new RequestValidationFailed(unstorable);
  }
}
