import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_NODE_ARGS } from '../../scripts/lib/app-node-args.mjs';

/** Each app's built entry file, relative to the repository root. */
export const APP_ENTRY = {
  api: 'dist/apps/api/apps/api/src/main.js',
  worker: 'dist/apps/worker/apps/worker/src/main.js',
  gateway: 'dist/apps/gateway/apps/gateway/src/main.js',
} as const;

const READY_LINE = { api: /FIRSTHAND_API_LISTENING port=(\d+)/, worker: /FIRSTHAND_WORKER_READY/, gateway: /FIRSTHAND_GATEWAY_LISTENING port=(\d+)/ };

export interface AppProcess {
  child: ChildProcess;
  port: number | null;
  output(): string;
  /** SIGTERM, then how it ended; `forced` when it had to be SIGKILLed after the timeout. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null; forced: boolean }>;
}

/** Starts a built app (`npm run build`) as its own OS process and waits for its ready line. */
export async function startAppProcess(app: keyof typeof APP_ENTRY, env: Record<string, string>): Promise<AppProcess> {
  const entry = resolve(APP_ENTRY[app]);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [...APP_NODE_ARGS[app], entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // An API needs about 4 s of CPU to start; in a full run at load 8-9 on two cores one took over
  // 30 s (2026-12-04). 45 s stays under the 60 s a suite's beforeAll may take.
  const port = await new Promise<number | null>((resolvePort, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not become ready:\n${output.slice(-2000)}`));
    }, 45_000);
    const check = () => {
      const match = READY_LINE[app].exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolvePort(match[1] ? Number(match[1]) : null);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      child.stdout!.destroy();
      child.stderr!.destroy();
      reject(new Error(`${app} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
  return {
    child,
    port,
    output: () => output,
    stop(timeoutMs = 15_000) {
      return new Promise((resolveExit) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return resolveExit({ code: child.exitCode, signal: child.signalCode, forced: false });
        }
        let forced = false;
        const timer = setTimeout(() => {
          forced = true;
          child.kill('SIGKILL');
        }, timeoutMs);
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          resolveExit({ code, signal, forced });
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/**
 * Starts processes side by side (each spends seconds loading). Every one that started is added to
 * `into`, so the caller's clean-up stops it, before the first failure (if any) is thrown. Answers
 * them in the order given, null where no start was asked for.
 */
export async function startSideBySide(starts: Array<Promise<AppProcess> | null>, into: AppProcess[]): Promise<Array<AppProcess | null>> {
  const settled = await Promise.allSettled(starts.map((start) => start ?? Promise.resolve(null)));
  for (const result of settled) if (result.status === 'fulfilled' && result.value) into.push(result.value);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<AppProcess | null>).value);
}
