/**
 * What browser code may import: namespaces, rooms, the event maps and the client sequencer.
 * Nothing here may need Node (the Redis-emitter publisher lives only in index.ts).
 */
export * from './live-channels.js';
export type * from './live-events.js';
export * from './ticket-event-sequencer.js';
