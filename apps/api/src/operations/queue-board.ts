import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminBoardSessions, AgentPrincipals } from '@firsthand/persistence';
import { ADMIN_COOKIE, cookieValue } from './admin-session.js';
import { QueueHandles } from './queue-handles.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the worker's queues at /admin/queues, for admins only: every request (page and
 * API) needs a live board session (admin-session.ts) of an agent who is still an active admin.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const sessions = app.get(AdminBoardSessions);
  const directory = app.get(AgentPrincipals);
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: app.get(QueueHandles).all.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const session = cookieValue(request.headers.cookie, ADMIN_COOKIE);
      const agentId = session ? await sessions.agentOf(session) : null;
      const agent = agentId ? await directory.findActive(agentId) : null;
      if (agent?.role === 'admin') return;
      if (request.method === 'GET' && !request.url.includes('/api/')) return reply.redirect(`/admin/login`, 303);
      return reply.code(401).header('content-type', 'application/problem+json').send({ type: 'about:blank', title: 'Admin sign-in required', status: 401 });
    });
    await scope.register(board.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
  });
}
