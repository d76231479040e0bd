/** An RFC 9457 problem document. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `https://firsthand.dev/problems/${code}`;
}

export interface FieldProblem {
  field: string;
  messages: string[];
  /** A word a page can translate (the messages are English), where the rule that refused has one; with what it is about. */
  reason?: string;
  values?: Record<string, string | number>;
}

/** Thrown when a request body, query or parameter is malformed: every bad field is listed. */
export class RequestValidationFailed extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(`${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`);
  }
}

/** Plain HTTP failures that are not domain rules: 401, 404 for routes, 413, 429 ... */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
