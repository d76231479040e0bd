import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TicketNotFound } from '@firsthand/domain';
import type { OpenedTicket, TicketChange, TicketEventPage, TicketPage, TicketView } from '@firsthand/http-contracts';
import { TicketQueries } from '@firsthand/persistence';
import { Inject } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { trackingLink } from '@firsthand/access';
import { AgentAuthGuard, bearerToken, RequireRoles, unauthenticated, type RequestWithAgent } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { RequestValidationFailed } from '../http/problem.js';
import { RequestLimits } from '../limits/request-limits.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { OpenTicketDto } from './dto/open-ticket.dto.js';
import { OpenedTicketSchema, TicketChangeSchema, TicketEventPageSchema, TicketPageSchema } from './dto/ticket-answers.schema.js';
import { TicketViewSchema } from './dto/ticket-view.schema.js';
import { ChangeStatusDto, EscalateDto, PostMessageDto, ProposeHandoffDto, ReassignDto } from './dto/ticket-actions.dto.js';
import { EventsQuery, ListTicketsQuery } from './dto/ticket-queries.dto.js';
import { problem } from '../http/openapi-problems.js';
import { changeResponse, eventResponse } from './ticket-responses.js';
import { decodeTicketCursor, encodeTicketCursor } from './ticket-list-cursor.js';
import { ChangeTicketStatus } from './use-cases/change-ticket-status.use-case.js';
import { ClaimTicket } from './use-cases/claim-ticket.use-case.js';
import { EscalateTicket } from './use-cases/escalate-ticket.use-case.js';
import { HandOffTicket } from './use-cases/hand-off-ticket.use-case.js';
import { OpenTicket } from './use-cases/open-ticket.use-case.js';
import { PostAgentMessage } from './use-cases/post-agent-message.use-case.js';
import { ReassignTicket } from './use-cases/reassign-ticket.use-case.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('tickets')
@Controller('api/tickets')
export class TicketsController {
  /** Queue pages' JSON, by the page object a list answered with. */
  private readonly pageBodies = new WeakMap<object, string>();

  constructor(
    private readonly tickets: TicketQueries,
    private readonly openTicket: OpenTicket,
    private readonly claimTicket: ClaimTicket,
    private readonly postMessage: PostAgentMessage,
    private readonly changeStatus: ChangeTicketStatus,
    private readonly handOff: HandOffTicket,
    private readonly reassign: ReassignTicket,
    private readonly escalate: EscalateTicket,
    private readonly guard: AgentAuthGuard,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly limits: RequestLimits,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket: a customer without auth, or an agent on a customer\'s behalf' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes retries return the same ticket' })
  @ApiCreatedResponse({ type: OpenedTicketSchema, description: 'Opened' })
  @ApiOkResponse({ type: OpenedTicketSchema, description: 'A retry with the same Idempotency-Key: the ticket it opened' })
  @ApiResponse({ status: 429, description: 'Too many tickets opened without an account from this address: nothing opened, nobody told; wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @problem(409, "The customer's data is being erased (`customer-being-erased`): nothing opened; once the erasure is done, a new request opens a new customer record")
  async open(
    @Req() request: RequestWithAgent & { ip: string },
    @Res({ passthrough: true }) reply: ReplyLike,
    @Body() body: OpenTicketDto,
  ): Promise<OpenedTicket> {
    // Read from the request, not with @Headers(): that would document the header a second time, as required.
    const sent = request.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(sent) ? sent[0] : sent;
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationFailed([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1-255 visible ASCII characters'] }]);
    }
    // A request that presents credentials must present valid ones: no silent fall-back to anonymous.
    let agent: AuthenticatedAgent | null = null;
    if (bearerToken(request) !== null) {
      agent = await this.guard.authenticate(request);
      if (!agent) throw unauthenticated();
    }
    if (!agent) await this.limits.anonymousTicket(request.ip);
    const result = await this.openTicket.execute(body, agent, idempotencyKey);
    reply.status(result.replayed ? 200 : 201);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    const t = result.ticket;
    return {
      id: t.id,
      code: t.code,
      trackingToken: result.trackingToken,
      trackingUrl: trackingLink(this.config.publicBaseUrl, t.code, result.trackingToken),
      status: t.status,
      subject: t.subject,
      channel: t.channel,
      kind: t.kind,
      priority: t.priority,
      tier: t.tier,
      repeatOfTicketId: t.repeatOfTicketId,
      createdAt: t.createdAt,
      sla: t.sla,
      automaticAnswer: result.automaticAnswer,
    };
  }

  @Get()
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'List tickets the agent may see: newest first, oldest first, or the nearest SLA deadline first (order)' })
  @ApiOkResponse({ type: TicketPageSchema })
  async list(@CurrentAgent() agent: AuthenticatedAgent, @Query() query: ListTicketsQuery, @Res({ passthrough: true }) reply: ReplyLike): Promise<string> {
    const order = query.order ?? 'newest';
    const page = await this.tickets.list(agent, {
      status: query.status,
      owner: query.owner,
      pendingHandoffToMe: query.handoffTo === 'me',
      teamId: query.team,
      priority: query.priority,
      kind: query.kind,
      escalated: query.escalated === 'true',
      order,
      limit: query.limit ?? 25,
      cursor: decodeTicketCursor(query.cursor, order),
    });
    // A page held by this process (HeldTicketViews) is the same object until a ticket changes: its
    // JSON is written once, not for every agent polling the queue (most of a held page's cost).
    let body = this.pageBodies.get(page);
    if (body === undefined) {
      body = JSON.stringify({ items: page.items, nextCursor: encodeTicketCursor(order, page.nextCursor) } satisfies TicketPage);
      this.pageBodies.set(page, body);
    }
    reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  @Get(':id')
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TicketViewSchema })
  @ApiOperation({ summary: 'One ticket the agent may see' })
  async get(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<TicketView> {
    const ticket = await this.tickets.visibleTo(id, agent);
    if (!ticket) throw new TicketNotFound();
    return ticket;
  }

  @Get(':id/events')
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The timeline after a seq, public and internal' })
  @ApiOkResponse({ type: TicketEventPageSchema })
  async events(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Query() query: EventsQuery): Promise<TicketEventPage> {
    const ticket = await this.tickets.visibleTo(id, agent);
    if (!ticket) throw new TicketNotFound();
    const events = await this.tickets.eventsAfter(id, query.after ?? 0, query.limit ?? 200);
    return { items: events.map(eventResponse), lastSeq: ticket.lastSeq };
  }

  @Post(':id/claim')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Become owner and first responder; 409 with the owner if someone was first; the owner claiming again gets 200 and no event' })
  @ApiOkResponse({ type: TicketChangeSchema })
  async claim(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<TicketChange> {
    return changeResponse(await this.claimTicket.execute(id, agent));
  }

  @Post(':id/messages')
  @HttpCode(201)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Public reply (owner; claims an unowned ticket) or internal note (any agent)' })
  @ApiCreatedResponse({ type: TicketChangeSchema })
  async message(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: PostMessageDto): Promise<TicketChange> {
    return changeResponse(await this.postMessage.execute(id, agent, body));
  }

  @Post(':id/status')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TicketChangeSchema })
  @ApiOperation({ summary: 'Owner changes the status (open, waiting for the customer, resolved); expectedSeq guards against stale views' })
  async status(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: ChangeStatusDto): Promise<TicketChange> {
    return changeResponse(await this.changeStatus.execute(id, agent, body));
  }

  @Post(':id/handoff')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Owner proposes a handoff; ownership moves when the other agent accepts' })
  @ApiOkResponse({ type: TicketChangeSchema })
  async proposeHandoff(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: ProposeHandoffDto): Promise<TicketChange> {
    return changeResponse(await this.handOff.propose(id, agent, body.toAgentId, body.note));
  }

  @Post(':id/handoff/accept')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TicketChangeSchema })
  @ApiOperation({ summary: 'The proposed agent accepts the handoff and becomes owner' })
  async acceptHandoff(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<TicketChange> {
    return changeResponse(await this.handOff.accept(id, agent));
  }

  @Post(':id/handoff/decline')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The proposed agent declines, or the owner withdraws the proposal' })
  @ApiOkResponse({ type: TicketChangeSchema })
  async declineHandoff(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<TicketChange> {
    return changeResponse(await this.handOff.decline(id, agent));
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @RequireRoles('supervisor', 'admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TicketChangeSchema })
  @ApiOperation({ summary: 'Supervisor moves ownership at once, with a reason' })
  async reassignTicket(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: ReassignDto): Promise<TicketChange> {
    return changeResponse(await this.reassign.execute(id, agent, body.toAgentId, body.reason, scene));
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TicketChangeSchema })
  @ApiOperation({ summary: 'Owner asks for senior help: watchers are added, ownership stays' })
  async escalateTicket(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: EscalateDto): Promise<TicketChange> {
    return changeResponse(await this.escalate.execute(id, agent, body.reason));
  }
}
