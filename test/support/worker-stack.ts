import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedisServer, freePort, startRedis } from '../../scripts/lib/services.mjs';
import { startApi, type ApiHarness } from './api-harness.js';
import { startAppProcess, startSideBySide, type AppProcess } from './app-process.js';
import { HttpSink, SmtpCatcher } from './notification-sinks.js';
import { testAttachmentsDir, TEST_SECRET, testServices } from './test-services.js';

/** A Redis of the test's own, so it can be stopped, restarted on the same data, or flushed. */
export class OwnRedis {
  private server: Awaited<ReturnType<typeof startRedis>> | null = null;
  private constructor(private readonly dir: string, readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(mkdtempSync(join(tmpdir(), 'firsthand-redis-')), await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and append-only file: what Redis had acknowledged comes back. */
  async up(): Promise<void> {
    this.server = await startRedis({ dir: this.dir, port: this.port, binary: ensureRedisServer() });
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  async down(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  /** Hangs Redis without closing its connections (SIGSTOP): commands sent get no answer, as in a network partition. */
  freeze(): void {
    if (this.server?.pid) process.kill(this.server.pid, 'SIGSTOP');
  }

  thaw(): void {
    if (this.server?.pid) process.kill(this.server.pid, 'SIGCONT');
  }

  async remove(): Promise<void> {
    this.thaw();
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface WorkerStack {
  api: ApiHarness;
  smtp: SmtpCatcher;
  sink: HttpSink;
  redisUrl: string;
  /** The stack's QUEUE_PREFIX: a gateway joined to it needs the same, to hear its live channel. */
  queuePrefix: string;
  workers: AppProcess[];
  startWorker(extra?: Record<string, string>): Promise<AppProcess>;
  close(): Promise<void>;
}

/**
 * The API (in process) and real worker processes on one fresh database, a queue namespace of their
 * own, a real SMTP server and a local HTTP server as SMS gateway and webhook receiver.
 */
export async function startWorkerStack(options: { redis?: OwnRedis; workers?: number; env?: Record<string, string> } = {}): Promise<WorkerStack> {
  const smtp = await SmtpCatcher.start();
  const sink = await HttpSink.start();
  const redisUrl = options.redis?.url ?? testServices().redisUrl;
  const shared = {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: sink.url('/sms'),
    SMS_GATEWAY_KEY: 'test-sms-key',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    PUBLIC_BASE_URL: 'http://help.example.test',
    NOTIFY_TIME_ZONE: 'Asia/Shanghai',
    FIRSTHAND_ATTACHMENTS_DIR: testAttachmentsDir(),
    ...options.env,
  };
  const api = await startApi(shared);
  const workers: AppProcess[] = [];
  const launchWorker = (extra: Record<string, string> = {}) =>
    startAppProcess('worker', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: api.database.url,
      DATABASE_POOL_SIZE: '5',
      FIRSTHAND_SECRET: TEST_SECRET,
      WORKER_SWEEP_EVERY_SECONDS: '1',
      WORKER_STALLED_INTERVAL_MS: '1000',
      // Above what a loaded 2-core machine needs for a local SMTP answer: a send cut off after the
      // sink took it is retried and arrives twice, which the exactly-once assertions would see.
      NOTIFY_SEND_TIMEOUT_MS: '10000',
      NOTIFY_RETRY_BASE_MS: '200',
      NOTIFY_RETRY_MAX_MS: '1000',
      ...shared,
      ...extra,
    });
  const startWorker = async (extra: Record<string, string> = {}) => {
    const worker = await launchWorker(extra);
    workers.push(worker);
    return worker;
  };
  const close = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api.close();
    await smtp.stop();
    await sink.stop();
  };
  try {
    await startSideBySide(Array.from({ length: options.workers ?? 2 }, () => launchWorker()), workers);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    api,
    smtp,
    sink,
    redisUrl,
    queuePrefix: shared.QUEUE_PREFIX,
    workers,
    startWorker,
    close,
  };
}
