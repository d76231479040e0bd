import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { handToPerson, rateResolution, reopenByCustomer, resolveByBot } from '@firsthand/domain';
import type { TrackView } from '@firsthand/http-contracts';
import { BotAnswers, TicketQueries, type TicketView } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';
import { CustomerTicketAccess } from './customer-ticket-access.js';
import { customerTicketView } from './customer-view.js';
import { TrackViewSchema } from './dto/track-view.schema.js';
import { CustomerMessageDto, FeedbackDto, TrackQuery } from './track.dto.js';
import { ReplyAsCustomer } from './use-cases/reply-as-customer.use-case.js';
import { RequestLimits } from '../limits/request-limits.js';
import { problem } from '../http/openapi-problems.js';

@ApiTags('customer tracking')
@ApiSecurity('trackingToken')
@Controller('api/track/:code')
export class TrackController {
  constructor(
    private readonly access: CustomerTicketAccess,
    private readonly tickets: TicketQueries,
    private readonly writer: TicketWriter,
    private readonly replyAsCustomer: ReplyAsCustomer,
    private readonly limits: RequestLimits,
    private readonly botAnswers: BotAnswers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The customer\'s live view: owner, stage, promise and public timeline' })
  @ApiOkResponse({ type: TrackViewSchema })
  async track(@Param('code') code: string, @Headers('x-tracking-token') token: string | undefined, @Query() query: TrackQuery): Promise<TrackView> {
    const view = await this.access.open(code, token);
    const events = await this.tickets.eventsAfter(view.id, query.after ?? 0, 1000);
    return customerTicketView(view, events, this.writer.windows, await this.answerOn(view));
  }

  @Post('messages')
  @HttpCode(201)
  @ApiCreatedResponse({ type: TrackViewSchema })
  @ApiOperation({ summary: 'The customer replies, with files uploaded before; a ticket waiting for them returns to open and its owner is told' })
  @ApiResponse({ status: 429, description: 'Too many replies on this ticket or from this address: nothing written, nobody told; wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @problem(409, "Past the reopen window (`reopen-window-closed`), closed (`transition-not-allowed`), or the customer's data is being erased (`customer-being-erased`): nothing written, nobody told")
  async reply(
    @Param('code') code: string,
    @Headers('x-tracking-token') token: string | undefined,
    @Body() body: CustomerMessageDto,
    @Req() request: { ip: string },
  ): Promise<TrackView> {
    return this.respond(await this.replyAsCustomer.execute(code, token, body, request.ip));
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen within the reopen window; it goes back to the same owner' })
  @ApiOkResponse({ type: TrackViewSchema })
  @problem(409, "Past the reopen window, not resolved, or the customer's data is being erased (`customer-being-erased`): nothing changed")
  async reopen(@Param('code') code: string, @Headers('x-tracking-token') token: string | undefined): Promise<TrackView> {
    return this.respond(await this.access.change(code, token, (ctx, customer) => reopenByCustomer(ctx.ticket, customer, ctx.now, ctx.sla, ctx.windows)));
  }

  @Post('feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate the resolution 1-5, once' })
  @ApiOkResponse({ type: TrackViewSchema })
  @problem(409, "Rated already, not resolved, or the customer's data is being erased (`customer-being-erased`): nothing changed")
  async feedback(@Param('code') code: string, @Headers('x-tracking-token') token: string | undefined, @Body() body: FeedbackDto): Promise<TrackView> {
    return this.respond(await this.access.change(code, token, (ctx, customer) => rateResolution(ctx.ticket, customer, body.rating, body.comment ?? null)));
  }

  @Post('automatic-answer/solved')
  @HttpCode(200)
  @ApiOperation({ summary: '"This solved it" on the automatic answer: the ticket resolves as bot-resolved, with no agent as owner' })
  @ApiOkResponse({ type: TrackViewSchema })
  @ApiResponse({ status: 409, description: "The bot no longer holds the ticket (a person has it, or it is settled), or the customer's data is being erased (`customer-being-erased`): nothing changed", content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 429, description: 'Too many answers from this address: nothing changed; wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async automaticAnswerSolved(@Param('code') code: string, @Headers('x-tracking-token') token: string | undefined, @Req() request: { ip: string }): Promise<TrackView> {
    await this.limits.botChoice(request.ip);
    return this.respond(await this.access.change(code, token, (ctx, customer) => resolveByBot(ctx.ticket, customer, ctx.now)));
  }

  @Post('automatic-answer/need-person')
  @HttpCode(200)
  @ApiOperation({ summary: '"I need a person": the hold ends now and the ticket is in the team queue as an ordinary new ticket (its SLA counts from creation)' })
  @ApiOkResponse({ type: TrackViewSchema })
  @ApiResponse({ status: 409, description: "The bot no longer holds the ticket, or the customer's data is being erased (`customer-being-erased`): nothing changed", content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 429, description: 'Too many answers from this address: nothing changed; wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async automaticAnswerNeedPerson(@Param('code') code: string, @Headers('x-tracking-token') token: string | undefined, @Req() request: { ip: string }): Promise<TrackView> {
    await this.limits.botChoice(request.ip);
    return this.respond(
      await this.access.change(code, token, (ctx, customer) => handToPerson(ctx.ticket, 'asked', { type: 'customer', id: customer.id, name: customer.name }, ctx.now)!),
    );
  }

  private async respond(result: TicketChangeResult): Promise<TrackView> {
    return customerTicketView(result.ticket, result.events, this.writer.windows, await this.answerOn(result.ticket));
  }

  /** The automatic answer as it was sent, for a ticket the bot answered. */
  private async answerOn(view: TicketView) {
    const answer = view.bot ? await this.botAnswers.forTicket(view.id) : null;
    return answer ? { title: answer.title, html: answer.html, locale: answer.locale } : null;
  }
}
