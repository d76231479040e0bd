import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpProblem } from './problem.js';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep the JSON text nests, counted on the raw bytes in one pass (strings and their escapes
 * skipped), stopping as soon as `limit` is passed: a body 20,000 levels deep is refused without
 * JSON.parse building it. Malformed text is left for JSON.parse to refuse.
 */
export function jsonNestingExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser = (request: unknown, body: Buffer | string, done: Done) => void;

/** The JSON body parser: Fastify's own (with its prototype-poisoning refusal), after a nesting check. */
export function refuseDeepJson(app: NestFastifyApplication, maxDepth: number, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  app.useBodyParser('application/json', { bodyLimit }, ((request: unknown, body: Buffer, done: Done) => {
    if (jsonNestingExceeds(body, maxDepth)) {
      done(new HttpProblem(400, 'json-too-deep', 'JSON nested too deeply', `The JSON body nests objects and arrays more than ${maxDepth} levels deep`, { maxDepth }));
      return;
    }
    parse(request, body, done);
  }) as never);
}
