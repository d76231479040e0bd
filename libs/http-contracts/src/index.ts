/**
 * The JSON bodies of the REST API, shared by the API (its response builders return these types) and
 * the web app (its calls expect them). Types only, so browser code may import it; dates are ISO
 * strings. test/integration/http-contracts.suite.ts checks real answers against the OpenAPI document.
 */
export type * from './tickets.js';
export type * from './people.js';
export type * from './track.js';
export type * from './metrics.js';
export type * from './notifications.js';
export type * from './email.js';
export type * from './attachments.js';
export type * from './search.js';
export type * from './customers.js';
export type * from './canned-replies.js';
export type * from './tags.js';
export type * from './macros.js';
export type * from './tickets-bulk.js';
export type * from './calendars.js';
export type * from './knowledge-base.js';
export type * from './language-model.js';
export type * from './customer-data-rights.js';
export type * from './audit.js';
export type * from './sign-in.js';
export type * from './assist.js';
export type * from './operations.js';
export type * from './webhooks.js';
