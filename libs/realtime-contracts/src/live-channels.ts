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

/**
 * The Redis channel prefix of the live stream (the socket.io adapter's and emitter's `key`), under
 * the deployment's QUEUE_PREFIX like its other Redis keys: two deployments (or test runs) sharing one
 * Redis would otherwise hear each other's ticket events, supervisors' room included.
 */
export const liveChannelKey = (deploymentPrefix: string) => `${deploymentPrefix}:socket.io`;

export const LiveRoom = Object.freeze({
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  team: (teamId: string) => `team:${teamId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Tickets with no team are everybody's queue. */
  unassignedQueue: 'team:none',
  supervisors: 'supervisors',
});

/**
 * A Redis key the gateways keep set (with a short expiry, renewed) while a supervisor's socket is
 * connected to them: the API and the worker read and push the supervisors' live figures only then.
 */
export const supervisorsWatchingKey = (deploymentPrefix: string) => `${deploymentPrefix}:supervisors-watching`;
/** How long the key outlives its last renewal, and how often a gateway with supervisors renews it. */
export const SUPERVISORS_WATCHING_TTL_SECONDS = 30;
export const SUPERVISORS_WATCHING_RENEW_MS = 10_000;
