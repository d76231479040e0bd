// The dev outbox's memory: the newest items in memory, every item appended to a JSON-lines file so
// the inbox survives a restart. The file is compacted at start once it holds far more than we keep.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function openOutboxStore({ file, limit = 500 }) {
  mkdirSync(dirname(file), { recursive: true });
  let items = readItems(file);
  if (items.length > limit * 2) {
    items = items.slice(-limit);
    writeFileSync(`${file}.tmp`, items.map((item) => `${JSON.stringify(item)}\n`).join(''));
    renameSync(`${file}.tmp`, file);
  }
  items = items.slice(-limit);
  const firstByKey = new Map();
  for (const item of items) if (item.dedupeKey && !firstByKey.has(item.dedupeKey)) firstByKey.set(item.dedupeKey, item.repeatOf ?? item.id);
  const listeners = new Set();

  return {
    /** Stores an item; one with the same key as an earlier one (a re-send) points at the first. */
    add(fields) {
      const item = { id: newId(fields.channel), receivedAt: new Date().toISOString(), ...fields };
      if (item.dedupeKey) {
        const first = firstByKey.get(item.dedupeKey);
        if (first) item.repeatOf = first;
        else firstByKey.set(item.dedupeKey, item.id);
      }
      appendFileSync(file, `${JSON.stringify(item)}\n`);
      items.push(item);
      if (items.length > limit) items.shift();
      for (const listener of listeners) listener({ type: 'item', item });
      return item;
    },
    /** Newest first. */
    list() {
      return [...items].reverse();
    },
    clear() {
      items = [];
      firstByKey.clear();
      writeFileSync(file, '');
      for (const listener of listeners) listener({ type: 'cleared' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function readItems(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}

let counter = 0;
function newId(channel) {
  counter = (counter + 1) % 1000;
  return `${channel}-${Date.now().toString(36)}-${counter.toString(36).padStart(2, '0')}`;
}
