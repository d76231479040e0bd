import { isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The instant an ISO 8601 text names, in years 1-9999; null for anything else. ISO 8601 also has
 * forms that `Date` cannot read (week dates `2026-W01-1`, ordinal dates `2026-123`, the basic
 * `20261201`): accepted by the validator alone, they reached SQL as an invalid date (a 500).
 */
export function realInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999) return null;
  return at;
}

/** What a field that is not a real instant is told. */
export const notAnInstant = (field: string): string => `${field} must be an ISO 8601 date or date and time, e.g. 2026-12-01 or 2026-12-01T09:00:00Z`;

/** An ISO 8601 date or date and time that names a real instant (see `realInstant`). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: notAnInstant(String(propertyName)), ...options },
      validator: { validate: (value: unknown) => realInstant(value) !== null },
    });
}
