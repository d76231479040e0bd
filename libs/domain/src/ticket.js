export const SYSTEM = { type: 'system' };
export function agentActor(agent) {
    return { type: 'agent', id: agent.id, name: agent.name };
}
//# sourceMappingURL=ticket.js.map