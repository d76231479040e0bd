import { WORKER_GONE_AFTER_MS, workerCoverage, type WorkerCheckIn } from './worker-coverage.js';

const ROLES = ['relays', 'events', 'timers', 'deliveries', 'mail', 'maintenance'];
const now = new Date('2026-12-05T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const process = (id: string, roles: string[], seenMsAgo: number, startedMsAgo = 60_000): WorkerCheckIn => ({
  id,
  hostname: 'host-a',
  pid: 100,
  roles,
  startedAt: ago(startedMsAgo),
  seenAt: ago(seenMsAgo),
});

describe('workerCoverage', () => {
  it('counts, for each role, the living processes that run it', () => {
    const coverage = workerCoverage(ROLES, [process('a', ROLES, 1_000), process('b', ['timers'], 2_000)], now);
    expect(coverage.roles).toEqual(ROLES.map((role) => ({ role, processes: role === 'timers' ? 2 : 1 })));
    expect(coverage.uncovered).toEqual([]);
  });

  it('names the roles nobody runs, in the order of the role list', () => {
    const coverage = workerCoverage(ROLES, [process('a', ['deliveries', 'relays'], 1_000)], now);
    expect(coverage.uncovered).toEqual(['events', 'timers', 'mail', 'maintenance']);
  });

  it('counts out a process not heard from for three check-ins (killed without checking out)', () => {
    const coverage = workerCoverage(ROLES, [process('gone', ROLES, WORKER_GONE_AFTER_MS), process('late', ['timers'], WORKER_GONE_AFTER_MS - 1)], now);
    expect(coverage.living.map((p) => p.id)).toEqual(['late']);
    expect(coverage.uncovered).toEqual(['relays', 'events', 'deliveries', 'mail', 'maintenance']);
  });

  it('with no process at all, every role is uncovered', () => {
    expect(workerCoverage(ROLES, [], now).uncovered).toEqual(ROLES);
  });

  it('lists the living oldest first', () => {
    const coverage = workerCoverage(ROLES, [process('young', ROLES, 0, 5_000), process('old', ROLES, 0, 90_000)], now);
    expect(coverage.living.map((p) => p.id)).toEqual(['old', 'young']);
  });
});
