import { Controller, Get, Header, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { AdminBoardSessions, AgentStore } from '@firsthand/persistence';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { AgentAuthGuard, RequireRoles, type RequestWithAgent } from '../auth/agent-auth.guard.js';

export const ADMIN_COOKIE = 'fh_admin';

interface ReplyLike {
  header(name: string, value: string): ReplyLike;
}

/** The named cookie's value; null when it is missing or not valid percent-encoding (the client's bytes, never a 500). */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

const LOGIN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Firsthand admin sign-in</title><style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}#error{color:#b00020}</style></head>
<body><h1>Queue board</h1><p>Admins only.</p><form id="login"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button><p id="error" role="alert"></p></form>
<form id="second" hidden><label for="code">Code from your authenticator app (or a recovery code)</label><input id="code" name="code" autocomplete="one-time-code" maxlength="20" required>
<button type="submit">Verify</button></form><!--sso--><script src="/admin/login.js"></script></body></html>`;

/** With single sign-on configured (issue 15), the board offers it too; the provider's name is escaped into the page. */
function loginPage(providerName: string | null): string {
  if (providerName === null) return LOGIN_PAGE;
  const escaped = providerName.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return LOGIN_PAGE.replace('<!--sso-->', `<p>or</p><p><a id="sso" href="/api/auth/oidc/start?app=admin">Sign in with ${escaped}</a></p>`);
}

const LOGIN_SCRIPT = `const SSO_ERRORS = {
  'sign-in-expired': 'The sign-in took too long or was started in another browser.',
  'state-mismatch': 'The sign-in answer did not match the sign-in started here (state).',
  'nonce-mismatch': 'The token did not match this sign-in (nonce).',
  'wrong-issuer': 'The token came from an identity provider this helpdesk does not trust.',
  'wrong-audience': 'The token was issued for another application.',
  'token-expired': 'The token has expired.',
  'bad-signature': 'The token signature could not be verified.',
  'email-unverified': 'Your email is not verified at the identity provider.',
  'unknown-agent': 'There is no helpdesk account for your email.',
  'agent-deactivated': 'Your helpdesk account is deactivated.',
  'no-mapped-role': 'None of your groups gives access to the helpdesk.',
};
async function openBoard(accessToken, error) {
  const session = await fetch('/admin/session', { method: 'POST', headers: { authorization: 'Bearer ' + accessToken } });
  if (!session.ok) { error.textContent = 'Only admins may open the queue board.'; return; }
  location.href = '/admin/queues';
}
(async () => {
  if (!location.hash.startsWith('#sso-')) return;
  const params = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname);
  const error = document.getElementById('error');
  const reason = params.get('sso-error');
  if (reason) { error.textContent = 'Single sign-on refused: ' + (SSO_ERRORS[reason] || reason) + ' Try again.'; return; }
  const exchange = await fetch('/api/auth/oidc/exchange', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: params.get('sso-code') }) });
  if (!exchange.ok) { error.textContent = 'Single sign-on expired; sign in again.'; return; }
  await openBoard((await exchange.json()).accessToken, error);
})();
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: e.target.email.value, password: e.target.password.value }) });
  if (!login.ok) { error.textContent = 'Wrong email or password.'; return; }
  let answer = await login.json();
  if (answer.secondFactorRequired) {
    const code = await askCode();
    const typed = code.trim();
    const verified = await fetch('/api/auth/login/second-factor', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(/^\\d{6}$/.test(typed) ? { challenge: answer.challenge, code: typed } : { challenge: answer.challenge, recoveryCode: typed }) });
    if (!verified.ok) { error.textContent = 'Wrong or already used code: sign in again.'; document.getElementById('second').hidden = true; return; }
    answer = await verified.json();
  }
  if (answer.enrolmentRequired) { error.textContent = 'Set up two-factor sign-in in the agent console first.'; return; }
  await openBoard(answer.accessToken, error);
});
function askCode() {
  const second = document.getElementById('second');
  second.hidden = false;
  document.getElementById('code').focus();
  return new Promise((resolve) => second.addEventListener('submit', (e) => { e.preventDefault(); resolve(document.getElementById('code').value); }, { once: true }));
}`;

/**
 * The queue board is a browser page that cannot send a bearer token, so an admin trades one for a
 * server-side board session in an HttpOnly, SameSite=Strict cookie scoped to /admin; every board
 * request re-checks it (see queue-board.ts), and signing out ends it for good.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminSessionController {
  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly sessions: AdminBoardSessions,
    private readonly audit: AuditTrail,
    private readonly agents: AgentStore,
  ) {}

  @Get('login')
  @Header('Content-Type', 'text/html; charset=utf-8')
  loginPage() {
    return loginPage(this.config.oidc?.providerName ?? null);
  }

  @Get('login.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  loginScript() {
    return LOGIN_SCRIPT;
  }

  @Post('session')
  @HttpCode(204)
  @UseGuards(AgentAuthGuard)
  @RequireRoles('admin')
  async open(@Req() request: RequestWithAgent, @Res({ passthrough: true }) reply: ReplyLike): Promise<void> {
    const secure = this.config.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
    // A session of its own, not the bearer token: the cookie cannot be replayed against the API, and sign-out can end it.
    const agent = request.agent!;
    const session = await this.audit.inside(auditSceneOf(request), async (tx) => ({
      result: await this.sessions.open(agent.id, request.session!.id, this.config.accessTokenTtlSeconds, tx),
      entries: [{ action: 'admin_board.signed_in', target: { type: 'agent', id: agent.id, label: agent.name }, after: { expiresInSeconds: this.config.accessTokenTtlSeconds } }],
    }));
    reply.header('Set-Cookie', `${ADMIN_COOKIE}=${encodeURIComponent(session)}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${this.config.accessTokenTtlSeconds}${secure}`);
  }

  @Post('logout')
  @HttpCode(204)
  async close(@Req() request: RequestWithAgent, @Res({ passthrough: true }) reply: ReplyLike): Promise<void> {
    const cookie = request.headers.cookie;
    const session = cookieValue(typeof cookie === 'string' ? cookie : undefined, ADMIN_COOKIE);
    if (session) {
      // Whose session it was is known only from the session itself: the board sends no token.
      await this.audit.inside(auditSceneOf(request, { type: 'system' }), async (tx) => {
        const agentId = await this.sessions.close(session, tx);
        const agent = agentId ? await this.agents.find(agentId) : null;
        return { result: undefined, entries: agent ? [{ action: 'admin_board.signed_out' as const, actor: { type: 'agent' as const, id: agent.id, name: agent.name, role: agent.role }, target: { type: 'agent', id: agent.id, label: agent.name } }] : [] };
      });
    }
    reply.header('Set-Cookie', `${ADMIN_COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0`);
  }
}
