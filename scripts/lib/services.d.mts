// Types for services.mjs, so the TypeScript test suites can start their own Redis or PostgreSQL.
export function freePort(): Promise<number>;
export function ensureRedisServer(options?: { allowInstall?: boolean; log?: (message: string) => void }): string;
export function ensureDovecot(options?: { allowInstall?: boolean; log?: (message: string) => void }): string;
export function startRedis(options: { dir: string; port: number; binary: string }): Promise<{ port: number; url: string; pid: number; exited: Promise<{ code: number | null; signal: string | null }>; stop(): Promise<void> }>;
export function startPostgres(options: { dataDir: string; port: number; persistent: boolean; fast?: boolean; log?: (message: string) => void }): Promise<{
  port: number;
  adminUrl: string;
  urlFor(database: string): string;
  /** Through the Unix socket in dataDir (TCP when its path is too long). */
  localUrlFor(database: string): string;
  ensureDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}>;
