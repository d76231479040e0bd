import { mayChangeView, maySeeView, whyNotShareWith } from './saved-views.js';
import type { ActingAgent } from './ticket.js';

const agent = (role: ActingAgent['role'], teamId: string | null = 'team-a', id = `${role}-1`): ActingAgent => ({ id, name: id, role, teamId });

describe('saved views: who sees, shares and changes them', () => {
  it('a personal view is its owner\'s alone', () => {
    const view = { scope: 'personal' as const, ownerId: 'agent-1', teamId: null };
    expect(maySeeView(agent('agent'), view)).toBe(true);
    expect(maySeeView(agent('agent', 'team-a', 'agent-2'), view)).toBe(false);
    expect(maySeeView(agent('supervisor'), view)).toBe(false);
    expect(mayChangeView(agent('supervisor'), view)).toBe(false);
  });

  it('a team view is seen by the team and by supervisors, changed by its creator or a supervisor', () => {
    const view = { scope: 'team' as const, ownerId: 'agent-1', teamId: 'team-a' };
    expect(maySeeView(agent('agent', 'team-a', 'agent-9'), view)).toBe(true);
    expect(maySeeView(agent('agent', 'team-b', 'agent-9'), view)).toBe(false);
    expect(maySeeView(agent('supervisor', 'team-b'), view)).toBe(true);
    expect(mayChangeView(agent('agent'), view)).toBe(true);
    expect(mayChangeView(agent('senior', 'team-a', 'senior-7'), view)).toBe(false);
    expect(mayChangeView(agent('supervisor', 'team-b'), view)).toBe(true);
  });

  it('agents share with their own team only; supervisors with any', () => {
    expect(whyNotShareWith(agent('agent'), 'team-a')).toBeNull();
    expect(whyNotShareWith(agent('agent'), 'team-b')).toMatch(/own team/);
    expect(whyNotShareWith(agent('agent', null), 'team-a')).toMatch(/no team/);
    expect(whyNotShareWith(agent('supervisor', null), 'team-b')).toBeNull();
  });
});
