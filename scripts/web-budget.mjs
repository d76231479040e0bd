#!/usr/bin/env node
// The web app's JavaScript budget: the first load of each page (the module scripts and
// modulepreloads its HTML entry names) must stay under 250 KB gzipped. Runs after `vite build`
// (npm run build:web), prints the figures, writes dist/web/budget.json, and fails the build when a
// page is over budget. It also leaves .gz and .br copies of every asset beside it, which the API
// sends to browsers that accept them (@fastify/static preCompressed): what is measured is what ships.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist', 'web');
const BUDGET_BYTES = 250 * 1000;
const PAGES = { 'index.html': '/ (landing, new issue)', 'agent.html': '/agent', 'track.html': '/track/:code', 'supervisor.html': '/supervisor' };

function precompress() {
  for (const name of readdirSync(join(DIST, 'assets'))) {
    if (!/\.(js|css|svg)$/.test(name)) continue;
    const file = join(DIST, 'assets', name);
    const body = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

const gzipped = (file) => readFileSync(join(DIST, `${file}.gz`)).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function assetsOf(html) {
  const js = new Set();
  const css = new Set();
  for (const [, src] of html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)) js.add(src);
  for (const [, href] of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)) js.add(href);
  for (const [, href] of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+)"/g)) css.add(href);
  return { js: [...js], css: [...css] };
}

const missing = Object.keys(PAGES).filter((page) => !readdirSync(DIST).includes(page));
if (missing.length > 0) {
  console.error(`web-budget: ${missing.join(', ')} missing from dist/web; run vite build first.`);
  process.exit(1);
}

precompress();
const report = {};
let over = false;
console.log(`web-budget: first-load JavaScript per page, gzipped (budget ${kb(BUDGET_BYTES)})`);
for (const [page, route] of Object.entries(PAGES)) {
  const { js, css } = assetsOf(readFileSync(join(DIST, page), 'utf8'));
  const jsBytes = js.reduce((sum, file) => sum + gzipped(file), 0);
  const cssBytes = css.reduce((sum, file) => sum + gzipped(file), 0);
  report[route] = { page, jsGzipBytes: jsBytes, cssGzipBytes: cssBytes, files: js };
  const verdict = jsBytes <= BUDGET_BYTES ? 'ok' : 'OVER BUDGET';
  if (jsBytes > BUDGET_BYTES) over = true;
  console.log(`  ${route.padEnd(26)} JS ${kb(jsBytes).padStart(9)} in ${js.length} file(s)   CSS ${kb(cssBytes).padStart(8)}   ${verdict}`);
}
writeFileSync(join(DIST, 'budget.json'), `${JSON.stringify({ budgetBytes: BUDGET_BYTES, pages: report }, null, 2)}\n`);
if (over) {
  console.error('web-budget: a page loads more JavaScript than the budget allows; split it or trim dependencies.');
  process.exit(1);
}
