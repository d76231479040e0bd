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
});
