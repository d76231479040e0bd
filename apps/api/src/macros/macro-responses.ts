import { mayManageMacro, type ActingAgent } from '@firsthand/domain';
import type { MacroView } from '@firsthand/http-contracts';
import type { StoredMacro } from '@firsthand/persistence';

export function macroView(macro: StoredMacro, agent: ActingAgent): MacroView {
  return {
    id: macro.id,
    name: macro.name,
    scope: macro.scope,
    owner: { id: macro.ownerId, name: macro.ownerName },
    teamId: macro.teamId,
    reply: macro.reply,
    status: macro.status,
    addTags: macro.addTags,
    removeTags: macro.removeTags,
    priority: macro.priority,
    version: macro.version,
    manageable: mayManageMacro(agent, macro),
    updatedAt: macro.updatedAt.toISOString(),
  };
}
