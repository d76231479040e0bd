import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Field shapes the response schema classes repeat. Each class `implements` its contract type in
 * @firsthand/http-contracts, so the compiler ties the documented fields to the shared type, and
 * test/integration/http-contracts.suite.ts ties real answers to the document.
 */
export const text = { type: String } satisfies ApiPropertyOptions;
export const optionalText = { type: String, nullable: true } satisfies ApiPropertyOptions;
export const uuid = { type: String, format: 'uuid' } satisfies ApiPropertyOptions;
export const optionalUuid = { type: String, format: 'uuid', nullable: true } satisfies ApiPropertyOptions;
export const time = { type: String, format: 'date-time' } satisfies ApiPropertyOptions;
export const optionalTime = { type: String, format: 'date-time', nullable: true } satisfies ApiPropertyOptions;
export const integer = { type: 'integer' } satisfies ApiPropertyOptions;
export const optionalInteger = { type: 'integer', nullable: true } satisfies ApiPropertyOptions;
export const share = { type: Number, nullable: true, minimum: 0, maximum: 1, description: 'from 0 to 1; null when nothing was resolved' } satisfies ApiPropertyOptions;
export const oneOf = (values: readonly string[]) => ({ type: String, enum: [...values] }) satisfies ApiPropertyOptions;
