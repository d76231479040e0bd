import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenCodec, TrackingTokenCodec } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { isTicketCode, type ActingAgent } from '@firsthand/domain';
import { AgentPrincipals, LiveTicketReader } from '@firsthand/persistence';

export interface CustomerTicketIdentity {
  ticketId: string;
  code: string;
}

/**
 * Who is on the other end of a socket, checked at every handshake with the same token codecs and
 * the same agent principals as the HTTP API, so a disabled agent or a wrong tracking token never connects.
 */
@Injectable()
export class LiveIdentity {
  private readonly accessTokens: AccessTokenCodec;
  private readonly trackingTokens: TrackingTokenCodec;

  constructor(
    @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig,
    private readonly agents: AgentPrincipals,
    readonly tickets: LiveTicketReader,
  ) {
    this.accessTokens = new AccessTokenCodec(config.secret, config.accessTokenTtlSeconds);
    this.trackingTokens = new TrackingTokenCodec(config.secret);
  }

  /** The agent and live session behind a token; a token allowed only to enrol a second factor opens no socket. */
  async agentFromToken(token: unknown): Promise<(ActingAgent & { sessionId: string }) | null> {
    if (typeof token !== 'string' || token.length > 4096) return null;
    const claims = await this.accessTokens.verify(token);
    if (!claims || claims.scope === 'enrolment') return null;
    const agent = await this.agents.findSignedIn(claims.sub, claims.sid);
    return agent ? { id: agent.id, name: agent.name, role: agent.role, teamId: agent.teamId, sessionId: claims.sid } : null;
  }

  async customerTicket(code: unknown, token: unknown): Promise<CustomerTicketIdentity | null> {
    if (typeof code !== 'string' || typeof token !== 'string' || !isTicketCode(code) || token.length > 200) return null;
    const ticket = await this.tickets.findByCodeForCustomer(code);
    if (!ticket || !this.trackingTokens.matches(token, ticket.trackingTokenHash)) return null;
    return { ticketId: ticket.id, code: ticket.code };
  }
}
