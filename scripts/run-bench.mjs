#!/usr/bin/env node
// Runs one benchmark file in its own Node process: `node scripts/run-bench.mjs test/bench/<name>.bench.mjs`.
//
// Benchmarks are plain ESM (.mjs) so they run without a TypeScript loader. A `.ts` path whose file
// does not exist is resolved to the `.mjs` (or `.js`) next to it, so `npm run bench:claim` works
// whichever extension its script names. The benchmark owns its services and cleans them up; this
// runner only forwards Ctrl-C / SIGTERM to it (so it can stop its API, PostgreSQL and Redis) and
// exits with its exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

function resolveBench(arg) {
  const path = resolve(arg);
  if (existsSync(path) && !path.endsWith('.ts')) return path;
  const base = path.replace(/\.(ts|mts|mjs|js)$/, '');
  for (const ext of ['.mjs', '.js']) {
    if (existsSync(base + ext)) {
      if (path !== base + ext) console.error(`run-bench: ${arg} -> ${base + ext}`);
      return base + ext;
    }
  }
  if (existsSync(path)) {
    throw new Error(`${arg} is TypeScript and there is no .mjs/.js next to it; write benchmarks as plain ESM (.mjs).`);
  }
  throw new Error(`Benchmark not found: ${arg}`);
}

const [arg, ...rest] = process.argv.slice(2);
if (!arg) {
  console.error('usage: node scripts/run-bench.mjs <test/bench/file.bench.mjs> [args...]');
  process.exit(64);
}

let file;
try {
  file = resolveBench(arg);
} catch (error) {
  console.error(`run-bench: ${error.message}`);
  process.exit(66);
}

const child = spawn(process.execPath, [file, ...rest], { stdio: 'inherit' });
const forward = (signal) => {
  if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => forward('SIGINT'));
process.on('SIGTERM', () => forward('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
