import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { liveChannelKey, supervisorsWatchingKey, type LiveMetricsSource, type SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import { SupervisorMetricsBroadcaster } from './supervisor-metrics.broadcaster.js';

const DEBOUNCE_MS = 40;
const CHANNEL_KEY = liveChannelKey('fh-test');
const WATCHING_KEY = supervisorsWatchingKey('fh-test');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts PUBLISHes the way ioredis would take them; `status` is what the broadcaster checks first. */
class RecordingRedis extends EventEmitter {
  status = 'ready';
  readonly channels: string[] = [];
  /** Keys that exist: a gateway with a supervisor connected keeps the watching key set. */
  readonly keys = new Set<string>([WATCHING_KEY]);
  async exists(key: string): Promise<number> {
    return this.keys.has(key) ? 1 : 0;
  }
  async publish(channel: string): Promise<number> {
    this.channels.push(channel);
    return 1;
  }
}

/** Figures numbered by read, each read taking `readMs`. */
class CountingSource implements LiveMetricsSource {
  reads: Array<{ startedAt: number; endedAt?: number }> = [];
  failNext = false;
  constructor(private readonly readMs = 0) {}
  async read(): Promise<SupervisorLiveMetrics> {
    const read: { startedAt: number; endedAt?: number } = { startedAt: Date.now() };
    this.reads.push(read);
    await sleep(this.readMs);
    read.endedAt = Date.now();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unavailable');
    }
    return { now: new Date().toISOString(), timeZone: 'Asia/Shanghai', today: { day: '2026-03-02', resolved: this.reads.length } } as SupervisorLiveMetrics;
  }
}

function setUp(readMs = 0) {
  const redis = new RecordingRedis();
  const source = new CountingSource(readMs);
  const errors: Error[] = [];
  const broadcaster = new SupervisorMetricsBroadcaster(source, redis as unknown as Redis, { channelKey: CHANNEL_KEY, watchingKey: WATCHING_KEY, debounceMs: DEBOUNCE_MS, onError: (e) => errors.push(e) });
  return { redis, source, errors, broadcaster };
}

const resolved = [{ type: 'status_changed' }];

describe('SupervisorMetricsBroadcaster', () => {
  it('turns a burst of changes into one read and one push to the supervisors room, after the window', async () => {
    const { redis, source, broadcaster } = setUp();
    const started = Date.now();
    for (let i = 0; i < 50; i++) broadcaster.eventsCommitted(resolved);
    expect(source.reads).toHaveLength(0);

    await broadcaster.idle();

    expect(source.reads).toHaveLength(1);
    expect(source.reads[0].startedAt - started).toBeGreaterThanOrEqual(DEBOUNCE_MS - 5);
    expect(redis.channels).toHaveLength(1);
    // On the deployment's own channel (QUEUE_PREFIX), where only its gateways listen.
    expect(redis.channels).toEqual(['fh-test:socket.io#/supervisors#supervisors#']);
  });

  it('ignores events that move no figure', async () => {
    const { source, broadcaster } = setUp();
    broadcaster.eventsCommitted([{ type: 'agent_replied' }, { type: 'internal_note_added' }, { type: 'handoff_proposed' }]);
    broadcaster.eventsCommitted([]);
    await sleep(DEBOUNCE_MS * 2);
    expect(source.reads).toHaveLength(0);
    for (const type of ['created', 'claimed', 'reopened', 'rated', 'handoff_accepted', 'reassigned', 'sla_warning', 'sla_escalated']) {
      broadcaster.eventsCommitted([{ type: 'agent_replied' }, { type }]);
      await broadcaster.idle();
    }
    expect(source.reads).toHaveLength(8);
  });

  it('never drops the last change: one committed during a read gets a read of its own, at least a window later', async () => {
    const { redis, source, broadcaster } = setUp(60);
    broadcaster.eventsCommitted(resolved);
    await sleep(DEBOUNCE_MS + 20); // the first read is under way
    expect(source.reads).toHaveLength(1);
    broadcaster.eventsCommitted(resolved);
    broadcaster.eventsCommitted(resolved);

    await broadcaster.idle();

    expect(source.reads).toHaveLength(2);
    expect(source.reads[1].startedAt - source.reads[0].endedAt!).toBeGreaterThanOrEqual(DEBOUNCE_MS - 5);
    expect(redis.channels).toHaveLength(2);
  });

  it('never throws at the caller: a failed read or a throwing error handler is reported, and later changes still push', async () => {
    const { redis, source, errors, broadcaster } = setUp();
    source.failNext = true;
    expect(() => broadcaster.eventsCommitted(resolved)).not.toThrow();
    await broadcaster.idle();
    expect(errors.map((e) => e.message)).toEqual(['database unavailable']);
    expect(redis.channels).toHaveLength(0);

    broadcaster.eventsCommitted(resolved);
    await broadcaster.idle();
    expect(redis.channels).toHaveLength(1);

    const throwing = new SupervisorMetricsBroadcaster(source, redis as unknown as Redis, {
      channelKey: CHANNEL_KEY,
      watchingKey: WATCHING_KEY,
      debounceMs: DEBOUNCE_MS,
      onError: () => {
        throw new Error('logger broke');
      },
    });
    source.failNext = true;
    throwing.eventsCommitted(resolved);
    await throwing.idle();
    expect(() => throwing.eventsCommitted(null as unknown as [])).not.toThrow();
  });

  it('reads nothing while no supervisor is watching, and pushes again once one is', async () => {
    const { redis, source, errors, broadcaster } = setUp();
    redis.keys.delete(WATCHING_KEY);
    for (let i = 0; i < 5; i++) broadcaster.eventsCommitted(resolved);
    await broadcaster.idle();
    expect(source.reads).toHaveLength(0);
    expect(redis.channels).toHaveLength(0);
    expect(errors).toEqual([]);

    redis.keys.add(WATCHING_KEY);
    broadcaster.eventsCommitted(resolved);
    await broadcaster.idle();
    expect(source.reads).toHaveLength(1);
    expect(redis.channels).toEqual([`${CHANNEL_KEY}#/supervisors#supervisors#`]);
  });

  it('reads nothing while Redis is disconnected, and pushes once it is back', async () => {
    const { redis, source, errors, broadcaster } = setUp();
    redis.status = 'reconnecting';
    broadcaster.eventsCommitted(resolved);
    await broadcaster.idle();
    expect(source.reads).toHaveLength(0);
    expect(errors[0].message).toMatch(/Redis is reconnecting/);

    redis.status = 'ready';
    redis.emit('ready');
    await broadcaster.idle();
    expect(source.reads).toHaveLength(1);
    expect(redis.channels).toHaveLength(1);
  });

  it('fails fast on a real ioredis client with nothing listening (the API\'s settings)', async () => {
    const redis = new Redis('redis://127.0.0.1:9', { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 500, lazyConnect: false });
    redis.on('error', () => undefined);
    const source = new CountingSource();
    const errors: Error[] = [];
    const broadcaster = new SupervisorMetricsBroadcaster(source, redis, { channelKey: CHANNEL_KEY, watchingKey: WATCHING_KEY, debounceMs: DEBOUNCE_MS, onError: (e) => errors.push(e) });
    try {
      const started = Date.now();
      // The commit's caller gets nothing to wait on (a wall-clock bound here failed once at load 12: 20 ms).
      expect(broadcaster.eventsCommitted(resolved)).toBeUndefined();
      await broadcaster.idle();
      expect(Date.now() - started).toBeLessThan(DEBOUNCE_MS + 200);
      expect(source.reads).toHaveLength(0);
      expect(errors).toHaveLength(1);
    } finally {
      await broadcaster.close();
      redis.disconnect();
    }
  });

  it('pushes nothing after close', async () => {
    const { source, broadcaster } = setUp();
    broadcaster.eventsCommitted(resolved);
    await broadcaster.close();
    broadcaster.eventsCommitted(resolved);
    await sleep(DEBOUNCE_MS * 2);
    expect(source.reads).toHaveLength(0);
  });
});
