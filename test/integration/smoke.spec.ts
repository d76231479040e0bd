import { startApi, type ApiHarness } from '../support/api-harness.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';

describe('smoke', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('claims a ticket', async () => {
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front', true);
    const li = await f.agent('agent', team, 'Li');
    const t = await f.customerTicket();
    const res = await api.http.post(`/api/tickets/${t.id}/claim`).set(li.auth).expect(200);
    expect(res.body.ticket.owner).toEqual({ id: li.id, name: 'Li' });
  });
});
