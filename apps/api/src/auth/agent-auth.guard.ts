import { applyDecorators, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { AgentRole } from '@firsthand/domain';
import { AgentPrincipals } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { AccessTokens } from './access-tokens.js';
import type { AuthenticatedAgent } from './authenticated-agent.js';

const ROLES_KEY = 'firsthand:roles';
/** Restricts a route to these roles (named in the OpenAPI document, which then lists the 403); without it any signed-in agent may call it. */
export const RequireRoles = (...roles: AgentRole[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-required-roles', roles));

export interface RequestWithAgent {
  headers: Record<string, string | string[] | undefined>;
  agent?: AuthenticatedAgent;
}

export function bearerToken(request: RequestWithAgent): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}

export const unauthenticated = () =>
  new HttpProblem(401, 'unauthenticated', 'Sign in required', 'Send a valid access token as "Authorization: Bearer <token>".');

@Injectable()
export class AgentAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly directory: AgentPrincipals,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAgent>();
    const agent = await this.authenticate(request);
    if (!agent) throw unauthenticated();
    request.agent = agent;
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(agent.role)) {
      throw new HttpProblem(403, 'role-required', 'Role required', `Only ${roles.join(' or ')} may do this.`, { requiredRoles: roles });
    }
    return true;
  }

  async authenticate(request: RequestWithAgent): Promise<AuthenticatedAgent | null> {
    const token = bearerToken(request);
    if (!token) return null;
    const claims = await this.tokens.verify(token);
    return claims ? this.directory.findActive(claims.sub) : null;
  }
}
