// `npm test`'s type checks and builds, two at a time: each of them (tsc, a nest build, vite) runs
// on one core, so one after another they left the second core of a 2-core machine idle for minutes.
// The same commands as `npm run typecheck` and `npm run build`; any failure fails `npm test`.
import { spawn } from 'node:child_process';

const AT_ONCE = 2;
const TSC = 'node_modules/typescript/bin/tsc';
const NEST = 'node_modules/@nestjs/cli/bin/nest.js';
// Longest first (measured in docs/testing.md), so the last one to start is a short one.
const CHECKS = [
  { name: 'typecheck (apps, libs, tests)', command: [process.execPath, TSC, '--noEmit', '-p', 'tsconfig.json'] },
  // `npm run build`'s `nest build api worker gateway`, one app per command so the two slots stay full;
  // emit only (apps/<app>/tsconfig.emit.json): the type check above covers the same files.
  ...['api', 'worker', 'gateway'].map((app) => ({ name: `build (${app})`, command: [process.execPath, NEST, 'build', app, '-p', `apps/${app}/tsconfig.emit.json`] })),
  { name: 'typecheck (web)', command: [process.execPath, TSC, '--noEmit', '-p', 'apps/web/tsconfig.json'] },
  { name: 'build (web, with its budget)', command: ['npm', 'run', 'build:web'] },
];

const running = new Set();

function stopGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
let failed = false;

function run({ name, command }) {
  const started = Date.now();
  // Its own process group, so stopping it stops what it started (npm run starts vite).
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  // Each command's output is printed whole when it ends, so two outputs never interleave.
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      if (code === 0) {
        console.log(`npm test: ${name} passed (${seconds} s)`);
      } else if (!failed || !signal) {
        console.error(`npm test: ${name} failed (${signal ?? `exit ${code}`}, ${seconds} s): ${command.join(' ')}`);
        if (!failed) {
          failed = true;
          // No use finishing the others: npm test stops at the first failure, as it did with &&.
          for (const other of running) stopGroup(other, 'SIGTERM');
        }
      }
      resolve();
    });
  });
}

// Ctrl-C reaches only this process's group: pass it on to the commands' own groups.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) stopGroup(child, signal);
    process.exit(130);
  });
}

const queue = [...CHECKS];
await Promise.all(
  Array.from({ length: AT_ONCE }, async () => {
    while (queue.length > 0 && !failed) await run(queue.shift());
  }),
);
process.exit(failed ? 1 : 0);
