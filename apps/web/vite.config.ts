import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app: one HTML entry per kind of user, so each page loads only its own screen (the
 * tracking page never loads Chart.js). No React plugin: Vite's own Oxc transform handles TSX.
 * The browser-safe entries of the shared libs replace their Node-side index files.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: {
      '@firsthand/domain': here('../../libs/domain/src/browser.ts'),
      '@firsthand/realtime-contracts': here('../../libs/realtime-contracts/src/browser.ts'),
      '@firsthand/http-contracts': here('../../libs/http-contracts/src/index.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      input: {
        landing: here('index.html'),
        agent: here('agent.html'),
        track: here('track.html'),
        supervisor: here('supervisor.html'),
      },
      output: {
        // Libraries in their own long-cached chunks: a change to our code does not re-download React.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'socket-io', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
            { name: 'chart', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev:web`: the API (npm start) answers /api; the gateway allows this origin only if
    // GATEWAY_ALLOWED_ORIGINS lists it.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
