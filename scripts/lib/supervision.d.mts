// Types for supervision.mjs, so the unit tests are type-checked.
export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  healthyAfterMs: number;
}
export const RESTART_BACKOFF: Readonly<RestartPolicy>;
export function nextRestart(state: { crashes: number; ranForMs: number }, policy?: RestartPolicy): { delayMs: number; crashes: number };
export function describeExit(code: number | null, signal: string | null): string;
export interface SupervisedHandle {
  exited: Promise<{ code: number | null; signal: string | null; error?: unknown }>;
}
export function superviseProcess<H extends SupervisedHandle>(options: {
  name: string;
  start: () => H;
  log: (message: string) => void;
  policy?: RestartPolicy;
  clock?: () => number;
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (timer: unknown) => void };
  onStarted?: (handle: H, restarts: number) => void;
  hopeless?: (exit: { code: number | null; signal: string | null }) => boolean;
  onHopeless?: (exit: { code: number | null; signal: string | null }) => void;
}): { readonly current: H | null; readonly restarts: number; stop(): void };
