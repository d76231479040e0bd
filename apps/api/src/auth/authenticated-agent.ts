import type { ActingAgent } from '@firsthand/domain';

/** The agent behind a request, re-read from the database on every call so disabling takes effect at once. */
export type AuthenticatedAgent = ActingAgent & { email: string };

