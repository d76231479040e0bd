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
    await this.connections.opened(this.gatewayId, socketId, agentId).catch((error: Error) => this.warn('connect', error));
    this.figures.presenceMayHaveMoved();
  }

  async closed(socketId: string): Promise<void> {
    await this.connections.closed(this.gatewayId, socketId).catch((error: Error) => this.warn('disconnect', error));
    this.figures.presenceMayHaveMoved();
  }

  private warn(what: string, error: Error): void {
    this.logger.warn(`agent presence not recorded (${what}): ${error.message}`);
  }
}
