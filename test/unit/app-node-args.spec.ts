import { readFileSync } from 'node:fs';
import { APP_NODE_ARGS } from '../../scripts/lib/app-node-args.mjs';
import { APP_ENTRY as entry } from '../support/app-process.js';

// docker/compose.yml cannot import scripts/lib/app-node-args.mjs, so it repeats each app's node
// options by hand: a change to one without the other would make containers run unlike npm start.
describe("the apps' node options in docker/compose.yml", () => {
  const compose = readFileSync('docker/compose.yml', 'utf8');
  const commands = [...compose.matchAll(/command: \[("node".*)\]/g)].map((m) => JSON.parse(`[${m[1]}]`) as string[]);

  it.each(Object.keys(entry) as Array<keyof typeof entry>)('%s: the options of scripts/lib/app-node-args.mjs, and no others', (app) => {
    const ofApp = commands.filter((c) => c.at(-1) === entry[app]);
    expect(ofApp.length).toBeGreaterThan(0);
    for (const command of ofApp) expect(command.slice(1, -1).filter((a) => a !== '--enable-source-maps')).toEqual([...APP_NODE_ARGS[app]]);
  });
});
