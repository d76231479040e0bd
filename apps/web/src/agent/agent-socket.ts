import type { Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '@firsthand/realtime-contracts';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
