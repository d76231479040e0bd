import { Injectable } from '@nestjs/common';
import { AgentNotFound, assertMayChangeAgent, assertNotDisablingSelf, type ActingAgent, type AuditEntryDraft } from '@firsthand/domain';
import { AgentStore, TeamStore, type AgentChanges, type AgentProfile } from '@firsthand/persistence';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { assertKnownTeam } from './known-team.js';

/** One audit entry per aspect that really changed, each with that aspect before and after. */
function auditEntries(before: AgentProfile, after: AgentProfile): AuditEntryDraft[] {
  const target = { type: 'agent', id: after.id, label: after.name };
  const entries: AuditEntryDraft[] = [];
  if (before.name !== after.name) entries.push({ action: 'agent.renamed', target, before: { name: before.name }, after: { name: after.name } });
  if (before.role !== after.role) entries.push({ action: 'agent.role_changed', target, before: { role: before.role }, after: { role: after.role } });
  if (before.teamId !== after.teamId) entries.push({ action: 'agent.team_changed', target, before: { teamId: before.teamId }, after: { teamId: after.teamId } });
  if (before.active !== after.active) entries.push({ action: after.active ? 'agent.reactivated' : 'agent.deactivated', target, before: { active: before.active }, after: { active: after.active } });
  return entries;
}

/** Rename, move, change the role of, disable or enable an agent; each change audited in its transaction. */
@Injectable()
export class ChangeAgent {
  constructor(
    private readonly agents: AgentStore,
    private readonly teams: TeamStore,
    private readonly live: CommittedEventsPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: ActingAgent, agentId: string, changes: AgentChanges, scene: AuditScene): Promise<AgentProfile> {
    await assertKnownTeam(this.teams, changes.teamId);
    const changed = await this.audit.inside(scene, async (tx) => {
      const agent = await this.agents.lockForChange(agentId, tx);
      if (!agent) throw new AgentNotFound();
      assertMayChangeAgent(actor, agent, changes.role);
      assertNotDisablingSelf(actor, agent, changes);
      const result = await this.agents.change(agentId, changes, tx);
      if (!result) throw new AgentNotFound();
      return { result, entries: auditEntries(agent, result) };
    });
    // A disabled agent's open sockets are dropped on every gateway, not just refused on reconnect.
    if (changes.active === false) this.live.agentRevoked(agentId, 'Your account was disabled.');
    return changed;
  }
}
