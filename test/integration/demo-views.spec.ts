import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The demo data `npm start` creates includes the Front Desk's three shared views, with working counts. */
describe('demo data: the team views', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_SEED_DEMO: 'true' });
  });
  afterAll(() => api.close());

  it('gives a Front Desk agent "VIP waiting", "Complaints" and "Breaching" with live counts', async () => {
    const login = await api.http.post('/api/auth/login').send({ email: 'li.wei@firsthand.local', password: 'firsthand-demo' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const views = (await api.http.get('/api/views').set(auth).expect(200)).body.items as Array<{ id: string; name: string; scope: string; mayChange: boolean; filters: Record<string, unknown> }>;
    expect(views.map((v) => v.name).sort()).toEqual(['Breaching', 'Complaints', 'VIP waiting']);
    expect(views.every((v) => v.scope === 'team' && !v.mayChange)).toBe(true);
    const counts = new Map(((await api.http.get('/api/views/counts').set(auth).expect(200)).body.items as Array<{ id: string; count: number }>).map((c) => [c.id, c.count]));
    const complaints = views.find((v) => v.name === 'Complaints')!;
    const [row] = await api.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE kind = 'complaint' AND status IN ('new', 'open', 'pending_customer')`);
    expect(row.n).toBeGreaterThan(0);
    expect(counts.get(complaints.id)).toBe(row.n);
  });
});
