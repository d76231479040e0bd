/**
 * Namespaces and rooms of the live stream. Room names are shared by the API and worker (which emit
 * through the Redis emitter) and the gateways (which join sockets to them): change both or neither.
 */
export const LiveNamespace = Object.freeze({
  Agents: '/agents',
  Customers: '/customers',
  Supervisors: '/supervisors',
} as const);
export type LiveNamespace = (typeof LiveNamespace)[keyof typeof LiveNamespace];

export const LiveRoom = Object.freeze({
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  team: (teamId: string) => `team:${teamId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Tickets with no team are everybody's queue. */
  unassignedQueue: 'team:none',
  supervisors: 'supervisors',
});
