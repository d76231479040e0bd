import { Injectable } from '@nestjs/common';
import { AgentNotFound, assertMayChangeAgent, assertNotDisablingSelf, type ActingAgent } from '@firsthand/domain';
import { AgentStore, TeamStore, type AgentChanges, type AgentProfile } from '@firsthand/persistence';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { assertKnownTeam } from './known-team.js';

/** Rename, move, change the role of, disable or enable an agent. */
@Injectable()
export class ChangeAgent {
  constructor(
    private readonly agents: AgentStore,
    private readonly teams: TeamStore,
    private readonly live: CommittedEventsPublisher,
  ) {}

  async execute(actor: ActingAgent, agentId: string, changes: AgentChanges): Promise<AgentProfile> {
    const agent = await this.agents.find(agentId);
    if (!agent) throw new AgentNotFound();
    assertMayChangeAgent(actor, agent, changes.role);
    assertNotDisablingSelf(actor, agent, changes);
    await assertKnownTeam(this.teams, changes.teamId);
    const changed = await this.agents.change(agentId, changes);
    if (!changed) throw new AgentNotFound();
    // A disabled agent's open sockets are dropped on every gateway, not just refused on reconnect.
    if (changes.active === false) this.live.agentRevoked(agentId, 'Your account was disabled.');
    return changed;
  }
}
