import { CannotDisableSelf } from '../domain-errors.js';

/** Throws when a change would disable the agent asking for it; enabling, or disabling someone else, is fine. */
export function assertNotDisablingSelf(actor: { id: string }, agent: { id: string }, change: { active?: boolean }): void {
  if (agent.id === actor.id && change.active === false) throw new CannotDisableSelf();
}
