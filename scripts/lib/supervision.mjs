// npm start's supervision rule: a process that dies on its own is started again after a pause that
// doubles while it keeps crashing, so a broken one cannot spin the CPU, and is forgiven once it has
// stayed up long enough. Stopping (Ctrl-C) wins over every pending restart.

/** 0.5 s doubling to 30 s; a run of a minute counts as healthy again. */
export const RESTART_BACKOFF = Object.freeze({ firstDelayMs: 500, maxDelayMs: 30_000, healthyAfterMs: 60_000 });

/**
 * The pause before the next start of a process that just died, and its new count of crashes in a row.
 * `crashes` counts the deaths since it last ran for `healthyAfterMs`; `ranForMs` is how long this run lasted.
 */
export function nextRestart({ crashes, ranForMs }, policy = RESTART_BACKOFF) {
  const inARow = ranForMs >= policy.healthyAfterMs ? 0 : crashes;
  // Capped exponent: 2 ** 1000 is Infinity, and the cap is reached long before.
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(inARow, 30));
  return { delayMs, crashes: inARow + 1 };
}

/** Why a process ended, in words for the log. */
export function describeExit(code, signal) {
  if (signal) return `killed by ${signal}`;
  if (code === null) return 'is gone'; // seen only by its pid (the postmaster): no exit status
  return code === 0 ? 'exited (code 0) without being asked to stop' : `exited with code ${code}`;
}

/**
 * Keeps one process running. `start()` starts it and returns a handle whose `exited` promise settles
 * with { code, signal } when it ends. After `stop()` (or while stopping) nothing is restarted.
 * `hopeless(exit)` names an exit that a restart cannot mend (e.g. invalid configuration): then
 * `onHopeless(exit)` is called instead of restarting. `clock` and `timers` are injectable so the
 * rule can be tested without waiting.
 */
export function superviseProcess({
  name,
  start,
  log,
  policy = RESTART_BACKOFF,
  clock = () => Date.now(),
  timers = { setTimeout, clearTimeout },
  onStarted = () => {},
  hopeless = () => false,
  onHopeless = () => {},
}) {
  let crashes = 0;
  let current = null;
  let pending = null; // the timer of a scheduled restart
  let stopped = false;
  let restarts = 0;

  const run = () => {
    pending = null;
    if (stopped) return;
    const startedAt = clock();
    let handle;
    try {
      handle = start();
    } catch (error) {
      // Could not even spawn: treat as an immediate crash so the backoff still applies.
      handle = { exited: Promise.resolve({ code: null, signal: null, error }) };
    }
    current = handle;
    onStarted(handle, restarts);
    handle.exited.then(({ code, signal, error }) => {
      if (current === handle) current = null;
      if (stopped) return;
      if (hopeless({ code, signal })) {
        stopped = true;
        onHopeless({ code, signal });
        return;
      }
      const plan = nextRestart({ crashes, ranForMs: clock() - startedAt }, policy);
      crashes = plan.crashes;
      restarts += 1;
      const why = error ? `could not start (${error.message ?? error})` : describeExit(code, signal);
      log(`${name} ${why} after ${formatSeconds(clock() - startedAt)}: restarting in ${formatSeconds(plan.delayMs)} (crash ${crashes} in a row).`);
      pending = timers.setTimeout(run, plan.delayMs);
    });
  };

  run();
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    /** No more restarts; the caller stops the running process itself, in its own order. */
    stop() {
      stopped = true;
      if (pending) timers.clearTimeout(pending);
      pending = null;
    },
  };
}

function formatSeconds(ms) {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
