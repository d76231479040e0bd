import { ConfigError } from './config-error.js';
import { EnvReader } from './env-reader.js';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export interface FirsthandConfig {
  environment: 'development' | 'test' | 'production';
  logLevel: (typeof LOG_LEVELS)[number];
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  /** Root secret; JWT signing and tracking-token derivation use keys derived from it. */
  secret: string;
  accessTokenTtlSeconds: number;
  /** bcrypt cost; 4 is for throw-away test databases only. */
  passwordHashCost: number;
  api: { host: string; port: number; runMigrations: boolean; seedDemo: boolean; bodyLimitBytes: number };
  /** allowedOrigins: browser origins that may open sockets; requests without an Origin (non-browser clients) are allowed. */
  gateway: { host: string; port: number; allowedOrigins: string[]; clientEventsPer10s: number };
  /** liveRelayGraceMs: how long an unpublished live event waits for its API before the relay sends it. */
  worker: { autoCloseEverySeconds: number; liveRelayGraceMs: number };
  bootstrapAdmin: { email: string; password: string } | null;
  windows: { reopenDays: number; repeatContactDays: number };
  /** IANA zone whose calendar days and ISO weeks the supervisor metrics count in. */
  metricsTimeZone: string;
  publicBaseUrl: string;
  /** The browser app: its build folder (null: dist/web of this checkout) and the gateway URL pages connect to (null: the page's host on GATEWAY_PORT). */
  web: { distDir: string | null; publicGatewayUrl: string | null };
}

/** The one place that reads process.env: everything else receives this typed object. */
export function loadConfig(env: Record<string, string | undefined> = process.env): FirsthandConfig {
  const read = new EnvReader(env);
  const environment = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const secret = read.string('FIRSTHAND_SECRET');
  if (secret && secret.length < 32) read.problems.push('FIRSTHAND_SECRET must be at least 32 characters');
  const adminEmail = read.optionalString('FIRSTHAND_ADMIN_EMAIL');
  const adminPassword = read.optionalString('FIRSTHAND_ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    read.problems.push('FIRSTHAND_ADMIN_EMAIL and FIRSTHAND_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    read.problems.push('FIRSTHAND_ADMIN_PASSWORD must be at least 8 characters');
  }
  const apiPort = read.int('API_PORT', 3000, 0, 65535);
  const config: FirsthandConfig = {
    environment,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    secret,
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 86400),
    passwordHashCost: read.int('PASSWORD_HASH_COST', 11, 4, 15),
    api: {
      host: read.string('API_HOST', '127.0.0.1'),
      port: apiPort,
      runMigrations: read.bool('FIRSTHAND_RUN_MIGRATIONS', true),
      seedDemo: read.bool('FIRSTHAND_SEED_DEMO', false),
      bodyLimitBytes: read.int('API_BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    },
    gateway: {
      host: read.string('GATEWAY_HOST', '127.0.0.1'),
      port: read.int('GATEWAY_PORT', 3001, 0, 65535),
      allowedOrigins: (read.optionalString('GATEWAY_ALLOWED_ORIGINS') ?? `http://localhost:${apiPort || 3000},http://127.0.0.1:${apiPort || 3000}`)
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      clientEventsPer10s: read.int('GATEWAY_CLIENT_EVENTS_PER_10S', 50, 1, 10_000),
    },
    worker: {
      autoCloseEverySeconds: read.int('WORKER_AUTO_CLOSE_EVERY_SECONDS', 60, 1, 86400),
      liveRelayGraceMs: read.int('LIVE_RELAY_GRACE_MS', 2000, 100, 600_000),
    },
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : null,
    windows: {
      reopenDays: read.int('FIRSTHAND_REOPEN_WINDOW_DAYS', 7, 1, 365),
      repeatContactDays: read.int('FIRSTHAND_REPEAT_CONTACT_WINDOW_DAYS', 7, 0, 365),
    },
    metricsTimeZone: timeZone(read, 'FIRSTHAND_METRICS_TIME_ZONE', 'Asia/Shanghai'),
    publicBaseUrl: read.url('PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${apiPort || 3000}`),
    web: {
      distDir: read.optionalString('FIRSTHAND_WEB_DIR') ?? null,
      publicGatewayUrl: read.optionalString('PUBLIC_GATEWAY_URL') ? read.url('PUBLIC_GATEWAY_URL', ['http:', 'https:']).replace(/\/+$/, '') : null,
    },
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** A zone Intl knows, in its canonical spelling, so day keys never depend on how it was written. */
function timeZone(read: EnvReader, name: string, fallback: string): string {
  const value = read.optionalString(name) ?? fallback;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    read.problems.push(`${name} must be an IANA time zone such as Asia/Shanghai, got "${value}"`);
    return fallback;
  }
}

/** For process entry points: print what is wrong with the environment and exit non-zero. */
export function loadConfigOrExit(): FirsthandConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
