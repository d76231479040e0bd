import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ in: string }>;
  requestBody?: unknown;
  security?: Array<Record<string, string[]>>;
  'x-required-roles'?: string[];
  responses: Record<string, unknown>;
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; refusals add fields such as `ownerId` and `ownerName`, validation lists `errors`.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          messages: { type: 'array', items: { type: 'string' } },
          reason: { type: 'string', description: 'Where the rule has one (a calendar\'s, a webhook URL\'s): a word to translate, e.g. `not-a-time`, `overlaps`, `not-public-address`' },
          values: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'What the reason is about, e.g. `{other: "week.1[0]"}`' },
        },
      },
    },
  },
  additionalProperties: true,
};

const problemAnswer = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/**
 * Adds what every route can answer besides success, as the one problem filter answers it: 400 for
 * bad input (every bad field listed), 401 without valid credentials, 403 for a route restricted to
 * roles (`x-required-roles`, from RequireRoles), 404 for an id or code the
 * caller may not see, 413 and 415 for a body too large or of a type the route does not read, 429
 * when a rate limit is reached, 503 when the database cannot take the request. Routes the document
 * has no security for are public: say so (`security: []`) rather than leave it unstated.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const secured = (operation.security ?? []).length > 0;
      const responses = operation.responses;
      if (operation.requestBody || operation.parameters?.length) responses['400'] ??= problemAnswer('Bad input: nothing changed; `errors` lists every bad field');
      if (secured) responses['401'] ??= problemAnswer('Missing, expired or invalid credentials, or a disabled agent');
      const roles = operation['x-required-roles'];
      if (roles?.length) responses['403'] ??= problemAnswer(`Only ${roles.join(' or ')} may do this (\`role-required\`); nothing changed`);
      if (path.includes('{')) responses['404'] ??= problemAnswer('No such resource, or not one the caller may see');
      if (operation.requestBody) {
        responses['413'] ??= problemAnswer('The body is larger than the limit (API_BODY_LIMIT_BYTES, or the upload limits)');
        responses['415'] ??= problemAnswer('The body is of a content type this route does not read');
      }
      // Every /api route is under the per-address ceiling (docs/api.md, Limits); some have tighter limits of their own.
      responses['429'] ??= problemAnswer('Too many requests: nothing changed; wait Retry-After seconds');
      const refused = responses['429'] as { headers?: Record<string, unknown> };
      refused.headers ??= { 'Retry-After': { description: 'Seconds until the limit lets the request through', schema: { type: 'integer', minimum: 1 } } };
      responses['503'] ??= { ...problemAnswer('The database cannot take the request now: nothing changed; retry after Retry-After seconds'), headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } } };
      if (!secured && !operation.security) operation.security = [];
    }
  }
  return document;
}

/** A route's problem answer in the OpenAPI document: its status and when it comes, as problem+json. */
export const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
