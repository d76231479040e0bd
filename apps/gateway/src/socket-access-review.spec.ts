import type { FirsthandConfig } from '@firsthand/config';
import type { ActingAgent } from '@firsthand/domain';
import type { AgentPrincipal, AgentPrincipals } from '@firsthand/persistence';
import { SocketAccessReview, type AgentHeldSocket, type AgentSocketHolder } from './socket-access-review.js';

/** Each agent has one live sign-in session here. */
const sessionOf = (agentId: string) => `${agentId}:session`;

/** Stored agents the test edits, and the principal cache's change feed, played by hand. */
class StoredAgents {
  readonly rows = new Map<string, AgentPrincipal>();
  listener: ((agentId: string | null) => void) | null = null;
  /** The ticket-change channel's handler, as the feed would call it. */
  ticketNotice: ((payload: string) => void) | null = null;
  /** Each single read waits for this gate, so a test can hold a read and let a newer one overtake it. */
  gate: Promise<void> = Promise.resolve();
  batchReads = 0;

  put(id: string, role: string, teamId: string | null): void {
    this.rows.set(id, { id, name: id, email: `${id}@test.local`, role, teamId } as AgentPrincipal);
  }

  readonly principals = {
    onChange: (listener: (agentId: string | null) => void) => ((this.listener = listener), () => (this.listener = null)),
    inSync: async () => true,
    followNotices: (_channel: string, onNotice: (payload: string) => void) => {
      this.ticketNotice = onNotice;
    },
    findSignedIn: async (id: string, sessionId: string) => {
      const row = this.rows.get(id) ?? null;
      await this.gate;
      return sessionId === sessionOf(id) ? row : null;
    },
    /** Keyed by session id, as the real read is. */
    findSignedInAmong: async (sessionIds: string[]) => {
      this.batchReads++;
      return new Map(sessionIds.flatMap((sid) => {
        const id = sid.split(':')[0];
        return this.rows.has(id) && sid === sessionOf(id) ? [[sid, this.rows.get(id)!] as const] : [];
      }));
    },
  } as unknown as AgentPrincipals;
}

class Namespace implements AgentSocketHolder {
  readonly applied: Array<{ socket: string; agent: ActingAgent | null }> = [];
  readonly sockets: AgentHeldSocket[] = [];

  readonly reviewed: Array<{ socket: string; ticketId: string }> = [];

  open(id: string, agent: ActingAgent, following: string[] = []): AgentHeldSocket {
    const rooms = new Set(following.map((t) => `ticket:${t}`));
    const socket = { id, connected: true, rooms, data: { agent, sessionId: sessionOf(agent.id) } } as unknown as AgentHeldSocket;
    this.sockets.push(socket);
    return socket;
  }

  localSockets(agentId: string | null): AgentHeldSocket[] {
    return this.sockets.filter((s) => agentId === null || s.data.agent.id === agentId);
  }

  followersOf(ticketId: string): AgentHeldSocket[] {
    return this.sockets.filter((s) => s.rooms.has(`ticket:${ticketId}`));
  }

  async reviewTicket(socket: AgentHeldSocket, ticketId: string): Promise<void> {
    this.reviewed.push({ socket: socket.id, ticketId });
  }

  async apply(socket: AgentHeldSocket, current: ActingAgent | null): Promise<void> {
    this.applied.push({ socket: socket.id, agent: current });
    if (current) socket.data.agent = current;
  }
}

const config = { gateway: { accessRecheckSeconds: 3600 } } as FirsthandConfig;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SocketAccessReview', () => {
  let stored: StoredAgents;
  let review: SocketAccessReview;
  let agents: Namespace;

  beforeEach(() => {
    stored = new StoredAgents();
    review = new SocketAccessReview(stored.principals, config);
    agents = new Namespace();
    review.register(agents);
    review.onApplicationBootstrap();
  });
  afterEach(() => review.onModuleDestroy());

  it('a change of one agent re-derives that agent\'s sockets only, from the agent as stored now', async () => {
    stored.put('li', 'agent', 'front');
    stored.put('zhang', 'agent', 'front');
    agents.open('s1', { id: 'li', name: 'li', role: 'agent', teamId: 'front' });
    agents.open('s2', { id: 'li', name: 'li', role: 'agent', teamId: 'front' });
    agents.open('s3', { id: 'zhang', name: 'zhang', role: 'agent', teamId: 'front' });
    stored.put('li', 'agent', 'billing');
    stored.listener!('li');
    await settle();
    expect(agents.applied.map((a) => [a.socket, a.agent?.teamId])).toEqual([['s1', 'billing'], ['s2', 'billing']]);
    expect(review.changesHeard).toBe(1);
  });

  it('two changes in quick succession land in order: an older read never overwrites a newer one', async () => {
    stored.put('li', 'agent', 'front');
    agents.open('s1', { id: 'li', name: 'li', role: 'agent', teamId: 'front' });
    let release!: () => void;
    stored.gate = new Promise((resolve) => (release = resolve));
    stored.put('li', 'supervisor', 'front');
    stored.listener!('li');
    await settle();
    stored.gate = Promise.resolve();
    stored.rows.delete('li');
    stored.listener!('li');
    release();
    await settle();
    await settle();
    expect(agents.applied.map((a) => a.agent?.role ?? 'disabled')).toEqual(['supervisor', 'disabled']);
  });

  it('after a lost feed, every socket is compared in one read and only those that differ are re-derived', async () => {
    stored.put('li', 'agent', 'front');
    stored.put('zhang', 'agent', 'front');
    stored.put('wang', 'supervisor', null);
    agents.open('s1', { id: 'li', name: 'li', role: 'agent', teamId: 'front' });
    agents.open('s2', { id: 'zhang', name: 'zhang', role: 'agent', teamId: 'front' });
    agents.open('s3', { id: 'wang', name: 'wang', role: 'supervisor', teamId: null });
    stored.put('zhang', 'agent', 'billing');
    stored.rows.delete('wang');
    stored.listener!(null);
    await settle();
    await settle();
    expect(stored.batchReads).toBe(1);
    expect(agents.applied.map((a) => [a.socket, a.agent?.teamId ?? 'disabled'])).toEqual([['s2', 'billing'], ['s3', 'disabled']]);
  });

  it("a ticket's change re-checks the sockets following it, and only those; a customer's change none; a lost feed every follow", async () => {
    stored.put('li', 'agent', 'front');
    stored.put('bill', 'agent', 'billing');
    agents.open('s1', { id: 'li', name: 'li', role: 'agent', teamId: 'front' }, ['t1', 't2']);
    agents.open('s2', { id: 'bill', name: 'bill', role: 'agent', teamId: 'billing' }, ['t1']);
    agents.open('s3', { id: 'li', name: 'li', role: 'agent', teamId: 'front' });
    const heard = review.ticketChangesHeard;
    stored.ticketNotice!('t1');
    await settle();
    expect(agents.reviewed).toEqual([{ socket: 's1', ticketId: 't1' }, { socket: 's2', ticketId: 't1' }]);
    stored.ticketNotice!('*');
    await settle();
    expect(agents.reviewed).toHaveLength(2);
    expect(review.ticketChangesHeard).toBe(heard + 2);
    stored.listener!(null);
    await settle();
    expect(agents.reviewed.slice(2).map((r) => `${r.socket}/${r.ticketId}`).sort()).toEqual(['s1/t1', 's1/t2', 's2/t1']);
  });
});
