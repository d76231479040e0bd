// The node options each app runs with, wherever it is started: `npm start`, the benchmarks, the
// tests' app processes (docker/compose.yml repeats them, as it cannot import this file).
//
// The worker takes mail, sends notifications and fires timers: many short-lived objects a second.
// With V8's default young generation (16 MiB semi-spaces) it spent about a tenth of its CPU on
// scavenges and on the page faults of re-mapping young pages. 64 MiB took its CPU a mail down by
// 6-7% against PostgreSQL's in bench:inbound (alternating runs, 2026-12-06); its peak resident
// memory there was 480 MiB against 391 MiB with the default.
export const APP_NODE_ARGS = Object.freeze({
  api: Object.freeze([]),
  gateway: Object.freeze([]),
  worker: Object.freeze(['--max-semi-space-size=64']),
});
