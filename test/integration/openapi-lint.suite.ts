import { createConfig, lintFromString } from '@redocly/openapi-core';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The document at /api/docs stays clean under Redocly's recommended rules, as every route is added. */
describe('OpenAPI document: Redocly recommended rules', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('has no errors and no warnings', async () => {
    const document = (await api.http.get('/api/docs/openapi.json').expect(200)).body as object;
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    expect(found).toEqual([]);
  });

  it('documents the refusals every operation can give: 400 where there is input, 429 and a problem+json body on each', async () => {
    type Operation = { parameters?: unknown[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> };
    const document = (await api.http.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        const where = `${method.toUpperCase()} ${path}`;
        if (!statuses.some((status) => /^4\d\d$/.test(status))) missing.push(`${where}: no 4xx`);
        if ((operation.requestBody || operation.parameters?.length) && !statuses.includes('400')) missing.push(`${where}: takes input, no 400`);
        if (!statuses.includes('429')) missing.push(`${where}: no 429`);
        for (const status of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
          if (!operation.responses[status].content?.['application/problem+json']) missing.push(`${where}: ${status} is not problem+json`);
        }
      }
    }
    expect(missing).toEqual([]);
    // A route restricted by role, on the method or on its controller, documents the guard's 403.
    expect(Object.keys(document.paths['/api/sla-policies/{priority}/{tier}'].put.responses)).toContain('403');
    expect(Object.keys(document.paths['/api/agents'].post.responses)).toContain('403');
  });

  it('documents each header parameter once, as optional where the route works without it', async () => {
    type Parameter = { name: string; in: string; required?: boolean };
    const document = (await api.http.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const twice: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
        for (const name of new Set(headers)) if (headers.filter((h) => h === name).length > 1) twice.push(`${method.toUpperCase()} ${path}: ${name}`);
      }
    }
    expect(twice).toEqual([]);
    const opening = document.paths['/api/tickets'].post.parameters!.filter((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    expect(opening).toEqual([expect.objectContaining({ required: false })]);
  });
});
