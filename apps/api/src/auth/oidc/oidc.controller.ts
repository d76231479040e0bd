import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import * as client from 'openid-client';
import { FIRSTHAND_CONFIG, type FirsthandConfig, type OidcSettings } from '@firsthand/config';
import { claimValues, decideSignIn, referencedTeam, teamReferenceOf, type SignInPolicy } from '@firsthand/domain';
import type { LoginAnswer } from '@firsthand/http-contracts';
import { AgentPrincipals, AgentStore, TeamStore } from '@firsthand/persistence';
import { HttpProblem } from '../../http/problem.js';
import { RateLimiter } from '../../limits/rate-limiter.js';
import { cookieValue } from '../../operations/admin-session.js';
import { LoginAnswerSchema } from '../dto/login-answer.schema.js';
import { PasswordHasher } from '../password-hasher.js';
import { OidcCodeDto } from './oidc-code.dto.js';
import { OidcProviderClient, TokenRefused } from './oidc-provider-client.js';
import { SignInCodes } from './sign-in-codes.js';
import { FLOW_COOKIE, FLOW_TTL_SECONDS, SIGN_IN_APPS, SignInFlowSeal, sameValue, type SignInApp } from './sign-in-flow.js';
import { AgentSignIn } from '../agent-sign-in.js';
import { SYSTEM_AUDIT_ACTOR } from '@firsthand/domain';
import { auditSceneOf } from '../../audit/audit-scene.decorator.js';
import { AuditTrail } from '../../audit/audit-trail.js';

interface BrowserRequest {
  url: string;
  ip: string;
  /** Host (and port) the browser asked for; Fastify takes it from X-Forwarded-Host only behind a trusted proxy. */
  host?: string;
  headers: Record<string, string | string[] | undefined>;
}

interface BrowserReply {
  code(status: number): BrowserReply;
  header(name: string, value: string): BrowserReply;
  send(body?: string): BrowserReply;
}

/** Refusal codes the web app shows in words (zh-CN and en); the admin board too. */
class SignInRefused extends Error {
  constructor(readonly reason: string, detail: string) {
    super(detail);
  }
}

const FLOW_PATH = '/api/auth/oidc';

/**
 * OpenID Connect sign-in (issue 15): the authorization code flow with PKCE, state and nonce. The
 * browser leaves through /start and comes back to /callback, which ends in a redirect to the app
 * with either a one-time code or a refusal reason in the URL fragment; the app trades the code for
 * its access token with POST /exchange. Nothing is created or changed for a refused sign-in.
 */
@ApiTags('auth')
@Controller('api/auth/oidc')
export class OidcController {
  private readonly logger = new Logger('OidcSignIn');
  private readonly seal: SignInFlowSeal;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly provider: OidcProviderClient,
    private readonly directory: AgentPrincipals,
    private readonly agents: AgentStore,
    private readonly teams: TeamStore,
    private readonly hasher: PasswordHasher,
    private readonly codes: SignInCodes,
    private readonly signIn: AgentSignIn,
    private readonly audit: AuditTrail,
    private readonly limiter: RateLimiter,
  ) {
    this.seal = new SignInFlowSeal(config.secret);
  }

  // Browser navigations answered only with redirects (no 2xx), so outside the OpenAPI document
  // (Redocly's recommended rules want a 2xx); docs/api.md and docs/sso.md describe them.
  @Get('start')
  @ApiExcludeEndpoint()
  async start(@Query('app') appParam: string | undefined, @Req() request: BrowserRequest, @Res() reply: BrowserReply): Promise<void> {
    const settings = this.settings();
    const app = (appParam ?? 'console') as SignInApp;
    if (typeof appParam !== 'undefined' && (typeof appParam !== 'string' || !Object.hasOwn(SIGN_IN_APPS, appParam))) {
      throw new HttpProblem(400, 'invalid-app', 'Unknown app', `app must be one of ${Object.keys(SIGN_IN_APPS).join(', ')}.`);
    }
    await this.limit(request.ip, settings);
    // The flow cookie must be set on the host the provider returns to (localhost vs 127.0.0.1): go there first, once.
    const home = new URL(settings.redirectBase);
    if (request.host && request.host !== home.host && !request.url.includes('hop=1')) {
      reply.header('Cache-Control', 'no-store').header('Location', `${settings.redirectBase}${FLOW_PATH}/start?app=${app}&hop=1`).code(302).send();
      return;
    }
    const flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), app, expiresAt: Date.now() + FLOW_TTL_SECONDS * 1000 };
    let target: URL;
    try {
      target = await this.provider.authorizationUrl(flow);
    } catch {
      this.back(reply, app, 'sso-error=provider-unavailable');
      return;
    }
    reply.header('Set-Cookie', this.flowCookie(this.seal.seal(flow), FLOW_TTL_SECONDS));
    reply.header('Cache-Control', 'no-store').header('Location', target.href).code(302).send();
  }

  @Get('callback')
  @ApiExcludeEndpoint()
  async callback(@Req() request: BrowserRequest, @Res() reply: BrowserReply): Promise<void> {
    const settings = this.settings();
    const cookie = request.headers.cookie;
    const flow = this.seal.open(cookieValue(typeof cookie === 'string' ? cookie : undefined, FLOW_COOKIE));
    // The flow is single-use: the cookie goes whatever happens next.
    reply.header('Set-Cookie', this.flowCookie('', 0));
    const app = flow?.app ?? 'console';
    try {
      await this.limit(request.ip, settings);
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const params = new URLSearchParams(query);
      if (!flow) throw new SignInRefused('sign-in-expired', 'No sign-in was started in this browser, or it took longer than 10 minutes.');
      if (query.length > 8192) throw new SignInRefused('provider-refused', 'The answer from the provider is too long.');
      if (params.has('error')) throw new SignInRefused('provider-refused', `The provider said: ${params.get('error')}`);
      if (!sameValue(params.get('state') ?? '', flow.state)) throw new SignInRefused('state-mismatch', 'The state does not match the sign-in started in this browser.');
      const claims = await this.provider.exchange(query, flow);
      const agentId = await this.admit(claims, settings);
      const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 300) : null;
      const code = await this.codes.put({ agentId, ip: request.ip, userAgent });
      this.back(reply, app, `sso-code=${code}`);
    } catch (error) {
      const reason =
        error instanceof SignInRefused || error instanceof TokenRefused ? error.reason
        : error instanceof HttpProblem && error.status === 429 ? 'too-many'
        : error instanceof HttpProblem && error.code === 'sign-in-unavailable' ? 'sign-in-unavailable'
        : error instanceof HttpProblem && error.status === 503 ? 'provider-unavailable'
        : null;
      if (reason === null) throw error;
      this.logger.warn(`OpenID sign-in refused from ${request.ip}: ${reason} (${(error as Error).message})`);
      await this.audit.recordAlone(auditSceneOf(request), { action: 'sign_in.failed', target: { type: 'agent', id: null, label: null }, after: { method: 'oidc', reason: 'oidc', detail: reason } });
      this.back(reply, app, `sso-error=${reason}`);
    }
  }

  @Post('exchange')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the one-time code from the sign-in redirect for an access token (once, within 60 seconds)' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  @ApiResponse({ status: 401, description: 'The agent was deactivated meanwhile', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 404, description: 'No OpenID provider is configured', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async exchange(@Body() body: OidcCodeDto, @Req() request: BrowserRequest): Promise<LoginAnswer> {
    const settings = this.settings();
    await this.limit(request.ip, settings);
    const pending = await this.codes.take(body.code);
    if (!pending) throw new HttpProblem(400, 'sign-in-code-invalid', 'Sign-in code not valid', 'The code is unknown, was already used, or is older than 60 seconds; sign in again.');
    const agent = await this.directory.findForSignIn(pending.agentId);
    if (!agent?.active) throw new HttpProblem(401, 'agent-deactivated', 'Account disabled', 'This account was deactivated.');
    if (agent.locked) throw new HttpProblem(403, 'agent-locked', 'Account locked', 'An admin has locked this account; ask an admin to unlock it.');
    const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 300) : null;
    // The identity provider owns the second factor: no TOTP challenge here.
    return this.signIn.complete(agent, { method: 'oidc', ip: request.ip, userAgent });
  }

  /** Who the validated claims sign in as: an existing agent (its role updated from the provider's groups if mapped) or a new one; else a refusal. */
  private async admit(claims: Record<string, unknown>, settings: OidcSettings): Promise<string> {
    const email = typeof claims.email === 'string' ? claims.email.slice(0, 254) : null;
    const known = email ? await this.directory.findForLogin(email) : null;
    let teamId: string | null = null;
    if (settings.provisioning.mode === 'create' && settings.provisioning.team !== null && !known) {
      // The team's id, which a rename leaves alone, or its name (a team so named cannot be renamed: RenameTeam).
      const team = referencedTeam(teamReferenceOf(settings.provisioning.team), await this.teams.list());
      if (!team) {
        this.logger.error(`FIRSTHAND_OIDC_PROVISION_TEAM names no team (no team has that id or name): "${settings.provisioning.team}"; put the team's id there (on the Teams page)`);
        throw new SignInRefused('provisioning-team-missing', 'The team new agents join does not exist.');
      }
      teamId = team.id;
    }
    const policy: SignInPolicy = {
      roleMap: settings.roleClaim ? settings.roleMap : null,
      provisioning: settings.provisioning.mode === 'create' ? { mode: 'create', teamId, role: settings.provisioning.role } : { mode: 'refuse' },
    };
    const decision = decideSignIn(
      {
        email,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
        roleClaimValues: settings.roleClaim ? claimValues(claims[settings.roleClaim]) : [],
      },
      known ? { id: known.id, role: known.role, active: known.active } : null,
      policy,
    );
    switch (decision.kind) {
      case 'refuse':
        throw new SignInRefused(decision.reason, `Refused: ${decision.reason}`);
      case 'sign-in':
        if (decision.roleChange) {
          await this.agents.change(decision.agentId, { role: decision.roleChange });
          await this.audit.recordAlone(
            { actor: SYSTEM_AUDIT_ACTOR, origin: { address: null, userAgent: null, requestId: null } },
            { action: 'agent.role_changed', target: { type: 'agent', id: decision.agentId, label: known?.email ?? null }, before: { role: known?.role }, after: { role: decision.roleChange, by: 'identity provider groups' } },
          );
        }
        return decision.agentId;
      case 'create': {
        // A password nobody knows: the agent signs in through the provider (an admin may set one later).
        const passwordHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
        const created = await this.agents.register({ name: decision.name, email: decision.email, passwordHash, role: decision.role, teamId: decision.teamId });
        if (created) {
          this.logger.log(`Created ${created.role} ${created.email} on first single sign-on`);
          await this.audit.recordAlone(
            { actor: SYSTEM_AUDIT_ACTOR, origin: { address: null, userAgent: null, requestId: null } },
            { action: 'agent.created', target: { type: 'agent', id: created.id, label: created.email }, after: { role: created.role, teamId: decision.teamId, by: 'first single sign-on' } },
          );
          return created.id;
        }
        // Two first sign-ins at once: the other one created it.
        const raced = await this.directory.findForLogin(decision.email);
        if (!raced?.active) throw new SignInRefused('agent-deactivated', 'This account is deactivated.');
        return raced.id;
      }
    }
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw new HttpProblem(404, 'oidc-not-configured', 'Single sign-on is not configured', 'This deployment has no OpenID provider (FIRSTHAND_OIDC_ISSUER).');
    return this.config.oidc;
  }

  private limit(address: string, settings: OidcSettings): Promise<void> {
    return this.limiter.take('oidc-sign-in', address, { limit: settings.perAddressPerMinute, windowSeconds: 60 }, {
      code: 'too-many-sign-ins', title: 'Too many sign-ins',
      detail: (rule) => `At most ${rule.limit} single sign-on steps a minute from one address.`,
    });
  }

  private flowCookie(value: string, maxAge: number): string {
    const secure = this.config.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
    // Lax, not Strict: the provider sends the browser back with a top-level GET from its own site.
    return `${FLOW_COOKIE}=${value}; HttpOnly; SameSite=Lax; Path=${FLOW_PATH}; Max-Age=${maxAge}${secure}`;
  }

  /** Back to the app; the code or reason rides in the fragment, which browsers never send to a server. */
  private back(reply: BrowserReply, app: SignInApp, fragment: string): void {
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').header('Location', `${SIGN_IN_APPS[app]}#${fragment}`).code(303).send();
  }
}
