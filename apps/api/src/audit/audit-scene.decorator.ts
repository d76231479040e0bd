import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { SYSTEM_AUDIT_ACTOR, type AuditActor } from '@firsthand/domain';
import type { RequestWithAgent } from '../auth/agent-auth.guard.js';
import type { AuditScene } from './audit-trail.js';

interface AuditedRequest extends RequestWithAgent {
  /** Fastify's client address: forwarded headers believed only from FIRSTHAND_TRUSTED_PROXIES, as for the limits. */
  ip?: string;
  id?: string;
}

/** The scene of a request: its agent (or nobody yet, as `system`, before sign-in), address, user agent and request id. */
export function auditSceneOf(request: AuditedRequest, actor?: AuditActor): AuditScene {
  const agent = request.agent;
  const userAgent = request.headers['user-agent'];
  return {
    actor: actor ?? (agent ? { type: 'agent', id: agent.id, name: agent.name, role: agent.role } : SYSTEM_AUDIT_ACTOR),
    origin: { address: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null, requestId: request.id ?? null },
  };
}

/** The `AuditScene` of the current request, for handing to a use case that records its act. */
export const CurrentAuditScene = createParamDecorator((_: unknown, context: ExecutionContext): AuditScene => auditSceneOf(context.switchToHttp().getRequest<AuditedRequest>()));
