import type { ActingAgent } from '@firsthand/domain';

/** The agent behind a request (AgentPrincipals: held in memory, dropped at once on any change to the agent in any process). */
export type AuthenticatedAgent = ActingAgent & { email: string };

