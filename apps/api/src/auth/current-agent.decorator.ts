import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestWithAgent } from './agent-auth.guard.js';
import type { AuthenticatedAgent } from './authenticated-agent.js';

export const CurrentAgent = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedAgent => {
  const agent = context.switchToHttp().getRequest<RequestWithAgent>().agent;
  if (!agent) throw new Error('CurrentAgent used on a route without AgentAuthGuard');
  return agent;
});
