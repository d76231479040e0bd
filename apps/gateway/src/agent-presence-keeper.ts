import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AGENT_CONNECTION_REFRESH_MS, AgentConnections } from '@firsthand/persistence';
import { PresenceFigures } from './presence-figures.js';

/**
 * The agents' presence, from this gateway's side: each agent socket is a row while it is open, kept
 * fresh while this process lives. A failed write costs only the presence shown, never the socket.
 */
@Injectable()
export class AgentPresenceKeeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AgentPresenceKeeper.name);
  /** This process: its rows are its own, and a restarted gateway starts with none. */
  private readonly gatewayId = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connections: AgentConnections,
    private readonly figures: PresenceFigures,
  ) {}

  /** This process's agent sockets by id, and how many each agent has here: presence can move only when that count leaves or reaches 0. */
  private readonly agentOfSocket = new Map<string, string>();
  private readonly socketsOfAgent = new Map<string, number>();

  /** The agent sockets open on this process now (the agents namespace registers itself). */
  private openSockets: () => Array<{ socketId: string; agentId: string }> = () => [];

  onModuleInit(): void {
    this.timer = setInterval(() => void this.refresh(), AGENT_CONNECTION_REFRESH_MS);
    this.timer.unref();
  }

  watch(openSockets: () => Array<{ socketId: string; agentId: string }>): void {
    this.openSockets = openSockets;
  }

  async refresh(): Promise<void> {
    await this.connections.refresh(this.gatewayId, this.openSockets()).catch((error: Error) => this.warn('refresh', error));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.connections.forgetGateway(this.gatewayId).catch((error: Error) => this.warn('shutdown', error));
  }

  async opened(socketId: string, agentId: string): Promise<void> {
    // Counted before the write, so a disconnect arriving during it finds the socket.
    const first = this.count(socketId, agentId);
    await this.connections.opened(this.gatewayId, socketId, agentId).catch((error: Error) => this.warn('connect', error));
    // A second tab changes nobody's presence; a reconnect storm after a deploy pushes once per agent, not per socket.
    if (first) this.figures.presenceMayHaveMoved();
  }

  async closed(socketId: string): Promise<void> {
    const last = this.uncount(socketId);
    await this.connections.closed(this.gatewayId, socketId).catch((error: Error) => this.warn('disconnect', error));
    if (last) this.figures.presenceMayHaveMoved();
  }

  /** True when it is the agent's first socket here. */
  private count(socketId: string, agentId: string): boolean {
    if (this.agentOfSocket.has(socketId)) return false;
    this.agentOfSocket.set(socketId, agentId);
    const here = (this.socketsOfAgent.get(agentId) ?? 0) + 1;
    this.socketsOfAgent.set(agentId, here);
    return here === 1;
  }

  /** True when it was the agent's last socket here. */
  private uncount(socketId: string): boolean {
    const agentId = this.agentOfSocket.get(socketId);
    if (agentId === undefined) return false;
    this.agentOfSocket.delete(socketId);
    const left = (this.socketsOfAgent.get(agentId) ?? 1) - 1;
    if (left > 0) this.socketsOfAgent.set(agentId, left);
    else this.socketsOfAgent.delete(agentId);
    return left <= 0;
  }

  private warn(what: string, error: Error): void {
    this.logger.warn(`agent presence not recorded (${what}): ${error.message}`);
  }
}
