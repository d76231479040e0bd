import { Injectable } from '@nestjs/common';
import {
  defineMacro,
  MACRO_LIMITS,
  MacroNotFound,
  mayManageMacro,
  maySeeMacro,
  RoleRequired,
  teamForNewMacro,
  TooManyMacros,
  type ActingAgent,
  type MacroDraft,
} from '@firsthand/domain';
import type { MacroDefinition, MacroUpdate } from '@firsthand/http-contracts';
import { MacroStore, TeamStore, type StoredMacro, type WithinWrite } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';

const draftOf = (input: Omit<MacroDefinition, 'scope' | 'teamId'>): MacroDraft =>
  defineMacro({
    name: input.name,
    reply: { 'zh-CN': input.reply?.['zh-CN'] ?? null, en: input.reply?.en ?? null },
    status: input.status ?? null,
    addTags: input.addTags ?? [],
    removeTags: input.removeTags ?? [],
    priority: input.priority ?? null,
  });

/** Personal macros are their owner's; team macros are made and changed by the team's seniors and supervisors. */
@Injectable()
export class ManageMacros {
  constructor(
    private readonly macros: MacroStore,
    private readonly teams: TeamStore,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * A team macro's audit entry, written in the store's own transaction: the change and its entry
   * commit together or not at all. Personal macros are their owner's alone and not audited.
   */
  private audited(scene: AuditScene | undefined, action: 'macro.created' | 'macro.changed' | 'macro.deleted', before: StoredMacro | null): WithinWrite<StoredMacro> | undefined {
    if (!scene) return undefined;
    const shape = (m: StoredMacro | null) => m && { teamId: m.teamId, name: m.name, reply: m.reply, status: m.status, addTags: m.addTags, removeTags: m.removeTags, priority: m.priority, version: m.version };
    return async (tx, written) => {
      if (written.scope !== 'team') return;
      const after = action === 'macro.deleted' ? null : written;
      await this.audit.record(scene, { action, target: { type: 'macro', id: written.id, label: written.name }, before: shape(before), after: shape(after) }, tx);
    };
  }

  async create(agent: ActingAgent, input: MacroDefinition, scene?: AuditScene): Promise<StoredMacro> {
    const draft = draftOf(input);
    const teamId = teamForNewMacro(agent, input.scope, input.teamId);
    if (teamId && !(await this.teams.exists(teamId))) throw new RequestValidationFailed([{ field: 'teamId', messages: ['no such team'] }]);
    const created = await this.macros.create({ ...draft, scope: input.scope, ownerId: agent.id, teamId }, MACRO_LIMITS.perOwner, this.audited(scene, 'macro.created', null));
    if (!created) throw new TooManyMacros(MACRO_LIMITS.perOwner);
    return created;
  }

  async update(agent: ActingAgent, id: string, input: MacroUpdate, scene?: AuditScene): Promise<StoredMacro> {
    const current = await this.manageable(agent, id);
    const updated = await this.macros.update(current.id, input.expectedVersion, draftOf(input), this.audited(scene, 'macro.changed', current));
    if (!updated) {
      throw new HttpProblem(409, 'macro-changed', 'Macro changed', 'Someone changed this macro since you opened it; reload it and edit again.', { currentVersion: (await this.macros.find(id))?.version ?? null });
    }
    return updated;
  }

  async remove(agent: ActingAgent, id: string, scene?: AuditScene): Promise<void> {
    const current = await this.manageable(agent, id);
    await this.macros.remove(id, this.audited(scene, 'macro.deleted', current));
  }

  /** A macro the agent cannot see is 404; one they see but may not change is 403. */
  private async manageable(agent: ActingAgent, id: string): Promise<StoredMacro> {
    const macro = await this.macros.find(id);
    if (!macro || !maySeeMacro(agent, macro)) throw new MacroNotFound();
    if (!mayManageMacro(agent, macro)) throw new RoleRequired(['a senior of the team', 'supervisor', 'admin'], "change a team's macro");
    return macro;
  }
}
