import type { Namespace, Socket } from 'socket.io';
import { ClientEventLimiter } from './client-event-limiter.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2_000_000_000;
}

/**
 * Attaches a limiter to a socket. A socket that sends more than twice its limit in one window is cut
 * off at the transport, which a socket.io client answers by reconnecting (a new, re-checked
 * handshake, limited again); an honest client that bursts now and then is never cut off for good.
 */
export function limitClientEvents(socket: Socket, perTenSeconds: number): void {
  const limiter = new ClientEventLimiter(perTenSeconds);
  socket.use((packet, next) => {
    if (limiter.allow()) return next();
    if (limiter.refusedThisWindow() > perTenSeconds) socket.conn.close();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, error: 'rate-limited' });
  });
}

/**
 * Before a node stops: tell its clients, give the notice a moment to leave, then let the server close
 * the transports, which socket.io clients treat as a reason to reconnect (through the load balancer,
 * to a node that is still up). Its own clients only: a plain `emit` goes through the Redis adapter to
 * every node, and one node's restart would tell every client of the cluster to leave.
 */
export async function announceDrain(nsp: Namespace | undefined): Promise<void> {
  if (!nsp) return;
  nsp.local.emit('gateway.draining', { reason: 'shutdown', reconnect: true });
  await new Promise((resolve) => setTimeout(resolve, 150));
}
