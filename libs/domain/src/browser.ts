/**
 * What browser code may import from the domain: the closed vocabularies and the shapes clients see.
 * Only modules that need nothing from Node (ticket codes use node:crypto, so index.ts is not browser-safe).
 */
export * from './vocabulary.js';
export type { CustomerTimelineEntry } from './customer-timeline.js';
export type { SlaTarget, TicketEventPayloads, TicketEventType } from './ticket-events.js';
export type { Actor } from './ticket.js';
export type { TicketView } from './ticket-view.js';
export type { FcrFigures, FcrGroup, FcrReport, MetricsGrouping, Percentiles } from './metrics/fcr-report.js';
