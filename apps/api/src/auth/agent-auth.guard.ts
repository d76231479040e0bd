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

const ENROLMENT_KEY = 'firsthand:open-during-enrolment';
/** A route a token limited to second-factor enrolment may call (enrolment itself, sessions, sign-out). */
export const OpenDuringEnrolment = () => SetMetadata(ENROLMENT_KEY, true);

export interface RequestWithAgent {
  headers: Record<string, string | string[] | undefined>;
  agent?: AuthenticatedAgent;
  /** The sign-in session the token names. */
  session?: { id: string; enrolmentOnly: boolean };
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
    const agent = await this.resolve(request);
    if (!agent) throw unauthenticated();
    request.agent = agent;
    if (request.session?.enrolmentOnly && !this.reflector.getAllAndOverride<boolean | undefined>(ENROLMENT_KEY, [context.getHandler(), context.getClass()])) {
      throw new HttpProblem(403, 'second-factor-enrolment-required', 'Second factor required', 'Your role must use two-factor sign-in: enrol an authenticator app (POST /api/auth/two-factor/enrolment) before anything else.');
    }
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(agent.role)) {
      throw new HttpProblem(403, 'role-required', 'Role required', `Only ${roles.join(' or ')} may do this.`, { requiredRoles: roles });
    }
    return true;
  }

  /** The agent behind the request's token, for routes open to agents and others alike: a token limited to enrolment counts as none. */
  async authenticate(request: RequestWithAgent): Promise<AuthenticatedAgent | null> {
    const agent = await this.resolve(request);
    return request.session?.enrolmentOnly ? null : agent;
  }

  private async resolve(request: RequestWithAgent): Promise<AuthenticatedAgent | null> {
    const token = bearerToken(request);
    if (!token) return null;
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    // One cached lookup: the agent is active and unlocked, and the token's session is live.
    const agent = await this.directory.findSignedIn(claims.sub, claims.sid);
    if (agent) request.session = { id: claims.sid, enrolmentOnly: claims.scope === 'enrolment' };
    return agent;
  }
}
