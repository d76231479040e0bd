import type { Redis } from 'ioredis';
import type { LiveMetricsSource } from '@firsthand/realtime-contracts';
import { LivePublisher } from './live-publisher.js';

export interface SupervisorMetricsBroadcasterOptions {
  /** The live stream's Redis channel prefix, `liveChannelKey(QUEUE_PREFIX)`. */
  channelKey: string;
  /** `supervisorsWatchingKey(QUEUE_PREFIX)`: figures are read and pushed only while it exists. */
  watchingKey: string;
  /** At most one recomputation per this many milliseconds; the changes in between share it. Default 250. */
  debounceMs?: number;
  /** Told (never thrown at) when the figures could not be read or published. */
  onError?: (error: Error) => void;
}

/**
 * Ticket event types after which the supervisors' live figures may have moved: a resolution or
 * reopen (today's counts), a rating, a new or claimed ticket (the open queue), a status change, an
 * ownership move (agents' load) and the SLA timers' warnings and escalations (breaching now).
 */
export const METRICS_MOVING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'created',
  'claimed',
  'status_changed',
  'reopened',
  'rated',
  'handoff_accepted',
  'reassigned',
  'repeat_contact',
  'sla_warning',
  'sla_escalated',
]);

/**
 * Pushes `metrics.changed` with fresh live figures to the `supervisors` room through the socket.io
 * Redis emitter, after committed changes that move them. One instance per process (the API's, the
 * worker's): a burst of changes costs one set of queries, run on the trailing edge of a
 * `debounceMs` window, and a change that commits while figures are being read gets a run of its
 * own afterwards, so the last change is never left out. While no supervisor is connected to any
 * gateway (the gateways keep `watchingKey` set while one is) it reads nothing: a dashboard that opens
 * later loads the figures itself and reloads them on every ticket event. Nothing here throws into the
 * caller, and when Redis is not connected it reads nothing (the client fails fast anyway) and pushes
 * once Redis is back.
 */
export class SupervisorMetricsBroadcaster {
  private readonly publisher: LivePublisher;
  private readonly debounceMs: number;
  private readonly watchingKey: string;
  private readonly onError: (error: Error) => void;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private changed = false;
  private waitingForRedis = false;
  private closed = false;
  private readonly redisBack = () => {
    this.waitingForRedis = false;
    this.figuresChanged();
  };

  constructor(
    private readonly source: LiveMetricsSource,
    private readonly redis: Redis,
    options: SupervisorMetricsBroadcasterOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.watchingKey = options.watchingKey;
    this.onError = options.onError ?? (() => undefined);
    // Failed PUBLISHes reach recomputeAndPush through the awaited promise and are reported there.
    this.publisher = new LivePublisher(redis, options.channelKey);
  }

  /** Call once the transaction that wrote `events` has committed; returns at once. */
  eventsCommitted(events: ReadonlyArray<{ type: string }>): void {
    try {
      if (events.some((e) => METRICS_MOVING_EVENT_TYPES.has(e.type))) this.figuresChanged();
    } catch (error) {
      this.report(error);
    }
  }

  /** Something moved the figures without a ticket event (a sweep, a clock-driven breach): push soon. */
  figuresChanged(): void {
    if (this.closed) return;
    this.changed = true;
    if (this.timer === null && this.running === null) this.schedule();
  }

  /** Resolves when nothing is scheduled or running any more (tests; a graceful stop). */
  async idle(): Promise<void> {
    while (this.timer !== null || this.running !== null) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, this.debounceMs)));
    }
  }

  /** Stops pushing; resolves once a push already under way has finished (before its pool or Redis client closes). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.redis.off('ready', this.redisBack);
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.recomputeAndPush().finally(() => {
        this.running = null;
        if (this.changed && !this.closed) this.schedule();
      });
    }, this.debounceMs);
    this.timer.unref?.();
  }

  private async recomputeAndPush(): Promise<void> {
    // Cleared before reading: a change that commits during the read sets it again and gets its own run.
    this.changed = false;
    try {
      if (this.redis.status !== 'ready') {
        if (!this.waitingForRedis) {
          this.waitingForRedis = true;
          this.redis.once('ready', this.redisBack);
        }
        throw new Error(`Redis is ${this.redis.status}; the next push follows its reconnection`);
      }
      // Several queries over every open ticket: not for an empty room.
      if ((await this.redis.exists(this.watchingKey)) === 0) return;
      await this.publisher.publishSupervisorMetrics(await this.source.read());
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    try {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error handler must not reach the request path either.
    }
  }
}
