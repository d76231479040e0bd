import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/**
 * Jobs per queue and state, read from Redis when Prometheus scrapes. A Redis outage must not break
 * the scrape: the gauge then reports nothing for the queues it could not read.
 */
export function registerQueueDepth(registry: Registry, queues: () => Queue[], timeoutMs = 1000): Gauge {
  return new Gauge({
    name: 'firsthand_queue_jobs',
    help: 'BullMQ jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues().map(async (queue) => {
          const timeout = new Promise<null>((resolve) => setTimeout(resolve, timeoutMs, null).unref());
          const counts = await Promise.race([queue.getJobCounts(...STATES).catch(() => null), timeout]);
          if (!counts) return;
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
}
