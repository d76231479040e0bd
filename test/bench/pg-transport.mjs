#!/usr/bin/env node
// PostgreSQL over loopback TCP against its Unix socket: one prepared single-row statement, one
// connection, one query in flight, the two transports in alternating rounds on one throw-away
// PostgreSQL. Prints the median per query of the round trip, this process's CPU and the server
// backend's CPU (/proc). It says what `npm start`'s socket URL saves the apps on this machine.
//
//   node test/bench/pg-transport.mjs
//
// Knobs: BENCH_ROUNDS=8 (rounds per transport), BENCH_QUERIES=10000 (per round, after 2,000 warm-up).
// All traffic stays on this machine; the loops are bounded by their counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort, startPostgres } from '../../scripts/lib/services.mjs';
import { benchDir, envInt, fmtLoad, log, machineLine, onCleanup, printTable, runBench } from './lib/bench-kit.mjs';

const ROUNDS = envInt('BENCH_ROUNDS', 8, 1, 50);
const QUERIES = envInt('BENCH_QUERIES', 10_000, 100, 1_000_000);
const ROWS = 10_000;

/** User plus system CPU of a process so far, in microseconds (clock ticks of 10 ms). */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function round(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'firsthand-bench-transport' });
  await client.connect();
  try {
    const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const query = { name: 'transport_read', text: 'SELECT id, label, at, n FROM transport_rows WHERE id = $1', values: [1] };
    const run = async (count) => {
      for (let i = 0; i < count; i++) {
        query.values = [1 + (i % ROWS)];
        const { rows } = await client.query(query);
        if (rows.length !== 1) throw new Error(`row ${query.values[0]} missing`);
      }
    };
    await run(2000);
    const server0 = cpuMicros(backend);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    await run(QUERIES);
    const wall = (performance.now() - t0) * 1000;
    const own = process.cpuUsage(own0);
    return { wall: wall / QUERIES, client: (own.user + own.system) / QUERIES, server: (cpuMicros(backend) - server0) / QUERIES };
  } finally {
    await client.end();
  }
}

async function main() {
  const loadAtStart = fmtLoad();
  const root = benchDir('firsthand-bench-transport-');
  const postgres = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), persistent: false });
  onCleanup('PostgreSQL', () => postgres.stop());
  const sides = { 'loopback TCP': postgres.urlFor('postgres'), 'Unix socket': postgres.localUrlFor('postgres') };
  if (!sides['Unix socket'].includes('?host=')) throw new Error(`the socket path under ${root} is too long for this comparison`);
  const setup = new pg.Client({ connectionString: postgres.adminUrl });
  await setup.connect();
  await setup.query('CREATE TABLE transport_rows (id int PRIMARY KEY, label text NOT NULL, at timestamptz NOT NULL, n int NOT NULL)');
  await setup.query(`INSERT INTO transport_rows SELECT g, md5(g::text), now(), g FROM generate_series(1, ${ROWS}) g`);
  await setup.end();

  const results = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    log(`round ${r + 1} of ${ROUNDS} (load average ${fmtLoad()}) ...`);
    for (const [name, url] of Object.entries(sides)) results[name].push(await round(url));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log('');
  console.log(`PostgreSQL transport: one prepared single-row SELECT, ${QUERIES} a round, ${ROUNDS} alternating rounds per transport, medians per query`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(`load average (1/5/15 min): ${loadAtStart} at start, ${fmtLoad()} at end`);
  console.log('');
  printTable(
    ['transport', 'round trip µs', 'client CPU µs', 'server CPU µs'],
    Object.entries(results).map(([name, rows]) => [name, ...['wall', 'client', 'server'].map((k) => median(rows.map((row) => row[k])).toFixed(1))]),
  );
}

await runBench(main);
