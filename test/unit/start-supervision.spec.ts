import fc from 'fast-check';
import { describeExit, nextRestart, RESTART_BACKOFF, superviseProcess } from '../../scripts/lib/supervision.mjs';

describe("npm start's restart rule", () => {
  it('waits 0.5 s after a first crash, doubling to 30 s while the process keeps crashing', () => {
    let state = { crashes: 0 };
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const plan = nextRestart({ crashes: state.crashes, ranForMs: 200 });
      delays.push(plan.delayMs);
      state = plan;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    expect(state.crashes).toBe(10);
  });

  it('forgives the crashes once a run lasted a minute', () => {
    expect(nextRestart({ crashes: 7, ranForMs: 59_999 })).toEqual({ delayMs: 30_000, crashes: 8 });
    expect(nextRestart({ crashes: 7, ranForMs: 60_000 })).toEqual({ delayMs: 500, crashes: 1 });
  });

  it('never waits less than 0.5 s nor more than 30 s, and never forgets a crash before a healthy run', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10 * 60_000), (crashes, ranForMs) => {
        const plan = nextRestart({ crashes, ranForMs });
        expect(plan.delayMs).toBeGreaterThanOrEqual(RESTART_BACKOFF.firstDelayMs);
        expect(plan.delayMs).toBeLessThanOrEqual(RESTART_BACKOFF.maxDelayMs);
        expect(plan.crashes).toBe(ranForMs >= RESTART_BACKOFF.healthyAfterMs ? 1 : crashes + 1);
      }),
    );
  });

  it('says why a process ended', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('killed by SIGKILL');
    expect(describeExit(1, null)).toBe('exited with code 1');
    expect(describeExit(0, null)).toBe('exited (code 0) without being asked to stop');
    expect(describeExit(null, null)).toBe('is gone'); // a postmaster, watched by its pid only
  });
});

/** A hand-driven clock and timer list: restarts happen when the test advances time, not by waiting. */
function fakeTime() {
  let now = 0;
  const due: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  return {
    clock: () => now,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const id = nextId++;
        due.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimeout: (id: unknown) => {
        const i = due.findIndex((t) => t.id === id);
        if (i >= 0) due.splice(i, 1);
      },
    },
    pending: () => due.map((t) => t.at - now),
    async advance(ms: number) {
      now += ms;
      for (const t of due.filter((x) => x.at <= now)) {
        due.splice(due.indexOf(t), 1);
        t.fn();
      }
      await new Promise((r) => setImmediate(r));
    },
  };
}

function fakeProcesses() {
  const runs: Array<{ die: (code: number | null, signal: string | null) => Promise<void> }> = [];
  const start = () => {
    let settle!: (v: { code: number | null; signal: string | null }) => void;
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => (settle = r));
    runs.push({
      die: async (code, signal) => {
        settle({ code, signal });
        await new Promise((r) => setImmediate(r));
      },
    });
    return { exited };
  };
  return { runs, start };
}

describe('superviseProcess', () => {
  it('restarts a killed process after the backoff, logging why, and resets after a healthy minute', async () => {
    const time = fakeTime();
    const procs = fakeProcesses();
    const log: string[] = [];
    superviseProcess({ name: 'worker', start: procs.start, log: (m) => log.push(m), clock: time.clock, timers: time.timers });
    expect(procs.runs).toHaveLength(1);

    await procs.runs[0].die(null, 'SIGKILL');
    expect(log[0]).toBe('worker killed by SIGKILL after 0.0 s: restarting in 0.5 s (crash 1 in a row).');
    expect(time.pending()).toEqual([500]);
    await time.advance(499);
    expect(procs.runs).toHaveLength(1);
    await time.advance(1);
    expect(procs.runs).toHaveLength(2);

    await time.advance(100);
    await procs.runs[1].die(1, null);
    expect(time.pending()).toEqual([1000]);
    await time.advance(1000);
    expect(procs.runs).toHaveLength(3);

    await time.advance(60_000); // a healthy minute
    await procs.runs[2].die(0, null);
    expect(log[2]).toMatch(/^worker exited \(code 0\) without being asked to stop after 60 s: restarting in 0\.5 s \(crash 1 in a row\)\.$/);
    expect(time.pending()).toEqual([500]);
  });

  it('after stop() a pending restart is cancelled and a later death restarts nothing', async () => {
    const time = fakeTime();
    const procs = fakeProcesses();
    const supervisor = superviseProcess({ name: 'api', start: procs.start, log: () => undefined, clock: time.clock, timers: time.timers });
    await procs.runs[0].die(null, 'SIGKILL');
    expect(time.pending()).toEqual([500]);
    supervisor.stop();
    expect(time.pending()).toEqual([]);
    await time.advance(60_000);
    expect(procs.runs).toHaveLength(1);

    const other = fakeProcesses();
    const second = superviseProcess({ name: 'gateway', start: other.start, log: () => undefined, clock: time.clock, timers: time.timers });
    second.stop(); // Ctrl-C first, then the process ends as it was asked to
    await other.runs[0].die(0, null);
    expect(time.pending()).toEqual([]);
    expect(other.runs).toHaveLength(1);
  });

  it('does not restart an exit a restart cannot mend (invalid configuration), and says so once', async () => {
    const time = fakeTime();
    const procs = fakeProcesses();
    const hopeless: Array<{ code: number | null }> = [];
    const log: string[] = [];
    superviseProcess({
      name: 'api',
      start: procs.start,
      log: (m) => log.push(m),
      clock: time.clock,
      timers: time.timers,
      hopeless: ({ code }) => code === 78,
      onHopeless: (exit) => hopeless.push(exit),
    });
    await procs.runs[0].die(1, null);
    await time.advance(500);
    expect(procs.runs).toHaveLength(2);
    await procs.runs[1].die(78, null);
    expect(hopeless).toEqual([{ code: 78, signal: null }]);
    expect(time.pending()).toEqual([]);
    expect(log).toHaveLength(1); // only the first, mendable crash was logged as a restart
  });

  it('a start that throws counts as a crash and backs off too', async () => {
    const time = fakeTime();
    let attempts = 0;
    const log: string[] = [];
    superviseProcess({
      name: 'outbox',
      start: () => {
        attempts++;
        throw new Error('spawn ENOENT');
      },
      log: (m) => log.push(m),
      clock: time.clock,
      timers: time.timers,
    });
    await time.advance(0);
    expect(log[0]).toContain('outbox could not start (spawn ENOENT)');
    await time.advance(500);
    await time.advance(1000);
    expect(attempts).toBe(3);
    expect(time.pending()).toEqual([2000]);
  });
});
