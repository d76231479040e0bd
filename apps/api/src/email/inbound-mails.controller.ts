import { Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { withoutTrackingTokens } from '@firsthand/access';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { assertMayStopCopying, mayTakeIn, TicketNotFound } from '@firsthand/domain';
import { MailRefused, readMail } from '@firsthand/email';
import type { CopiedPeopleList, InboundMailItem, InboundMailOriginal, InboundMailPage, MailTakeInAnswer, TicketMailList } from '@firsthand/http-contracts';
import { heldMailFacts, InboundMailLog, TicketCopiedPeople, TicketQueries, type InboundMailEntry } from '@firsthand/persistence';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { decodeCursor, encodeCursor } from '../http/keyset-cursor.js';
import { problem } from '../http/openapi-problems.js';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { ListInboundMailsQuery } from './dto/inbound-mail-queries.dto.js';
import { CopiedPeopleListSchema, InboundMailItemSchema, InboundMailOriginalSchema, InboundMailPageSchema, MailTakeInAnswerSchema, TicketMailListSchema } from './dto/inbound-mail.schema.js';
import { mailAddressParam } from './mail-address-param.pipe.js';
import { TakeInHeldMail } from './use-cases/take-in-held-mail.use-case.js';

const mailNotFound = () => new HttpProblem(404, 'mail-not-found', 'Mail not found', 'No such mail on this ticket.');

/**
 * The mails behind the email channel: a ticket's own (who sent them, whether the sender was
 * verified, the whole original), and for supervisors the ones that made no ticket and why.
 */
@ApiTags('email')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class InboundMailsController {
  constructor(
    private readonly mails: InboundMailLog,
    private readonly tickets: TicketQueries,
    private readonly copied: TicketCopiedPeople,
    private readonly audit: AuditTrail,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly takeInHeld: TakeInHeldMail,
  ) {}

  @Get('tickets/:id/mails')
  @ApiOperation({ summary: "The ticket's inbound mails (the one that opened it and the newest 500 others), oldest first, with each sender's verification" })
  @ApiOkResponse({ type: TicketMailListSchema })
  async forTicket(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) ticketId: string): Promise<TicketMailList> {
    if (!(await this.tickets.isVisibleTo(ticketId, agent))) throw new TicketNotFound();
    return { items: (await this.mails.forTicket(ticketId)).map(toItem) };
  }

  @Get('tickets/:id/copied-people')
  @ApiOperation({ summary: "The people the customer copied on their mail (To and Cc besides us, at most 10): the owner's replies and the resolution are copied to each of them" })
  @ApiOkResponse({ type: CopiedPeopleListSchema })
  async copiedPeople(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) ticketId: string): Promise<CopiedPeopleList> {
    if (!(await this.tickets.isVisibleTo(ticketId, agent))) throw new TicketNotFound();
    return { items: (await this.copied.of(ticketId)).map((p) => ({ address: p.address, name: p.name, addedAt: p.addedAt.toISOString() })) };
  }

  @Delete('tickets/:id/copied-people/:address')
  @HttpCode(204)
  @ApiOperation({ summary: "Stop copying someone on the ticket's emails (its owner, a supervisor or an admin); a later mail of the customer that copies them again adds them again" })
  @ApiParam({ name: 'address', description: 'The copied email address', example: 'boss@acme.example' })
  @ApiNoContentResponse({ description: 'No longer copied' })
  async stopCopying(
    @CurrentAuditScene() scene: AuditScene,
    @CurrentAgent() agent: AuthenticatedAgent,
    @Param('id', uuidParam()) ticketId: string,
    @Param('address', mailAddressParam('address')) address: string,
  ): Promise<void> {
    const ticket = await this.tickets.visibleTo(ticketId, agent);
    if (!ticket) throw new TicketNotFound();
    assertMayStopCopying(ticket.owner, agent);
    const removed = await this.audit.inside(scene, async (tx) => {
      const gone = await this.copied.remove(ticketId, address, tx);
      // The audit log is kept whole (an erasure cannot rewrite it), so it names the ticket, not the person's address.
      return { result: gone, entries: gone ? [{ action: 'ticket.copied_person.removed', target: { type: 'ticket', id: ticketId, label: ticket.code } }] : [] };
    });
    if (!removed) throw new HttpProblem(404, 'copied-person-not-found', 'Not copied', `${address} is not copied on this ticket.`);
  }

  @Get('tickets/:id/mails/:mailId')
  @ApiOperation({ summary: 'Show original: one mail read again whole, quoted history and signature included' })
  @ApiOkResponse({ type: InboundMailOriginalSchema })
  async original(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) ticketId: string, @Param('mailId', uuidParam('mailId')) mailId: string): Promise<InboundMailOriginal> {
    const entry = await this.ticketMail(agent, ticketId, mailId);
    if (!entry.originalKey) throw mailNotFound();
    const raw = await readAll(this.storage.read(entry.originalKey));
    try {
      const mail = await readMail(raw, { maxBytes: this.config.mail.maxBytes, maxRecipients: this.config.mail.maxRecipients, maxFiles: this.config.mail.maxFiles, maxPartDepth: 20 });
      return {
        ...toItem(entry),
        to: mail.to.map((a) => a.address),
        cc: mail.cc.map((a) => a.address),
        date: mail.date?.toISOString() ?? null,
        // A reply quoting our mail quotes the customer's tracking link: no agent gets their token (stored texts never hold it either).
        fullText: withoutTrackingTokens(mail.fullText),
        files: mail.files.map((f) => ({ filename: f.filename, contentType: f.contentType, sizeBytes: f.bytes.length })),
      };
    } catch (error) {
      if (error instanceof MailRefused) throw new HttpProblem(422, 'mail-unreadable', 'Mail unreadable', `The original cannot be read again: ${error.reason}.`);
      throw error;
    }
  }

  @Get('tickets/:id/mails/:mailId/raw')
  // The bytes as received hold what "show original" leaves out: a quoted tracking link's token, with which anyone acts as the customer.
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: "The original mail as received (message/rfc822), to download (supervisors and admins: a reply quoting our mail holds the customer's tracking token)" })
  @ApiProduces('message/rfc822')
  @ApiOkResponse({ description: 'The mail source', content: { 'message/rfc822': { schema: { type: 'string', format: 'binary' } } } })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  async raw(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) ticketId: string, @Param('mailId', uuidParam('mailId')) mailId: string): Promise<StreamableFile> {
    return this.download(await this.ticketMail(agent, ticketId, mailId));
  }

  @Get('inbound-mails')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Mails taken in, newest first; by default the ones ignored or quarantined, with the reason (supervisor)' })
  @ApiOkResponse({ type: InboundMailPageSchema })
  async review(@Query() query: ListInboundMailsQuery): Promise<InboundMailPage> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const entries = await this.mails.list({
      outcomes: query.outcome ?? ['quarantined', 'ignored'],
      after: cursor ? { receivedAt: cursor.createdAt, id: cursor.id } : undefined,
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: entries.length > limit && last ? encodeCursor({ createdAt: last.receivedKey, id: last.id }) : null };
  }

  @Get('inbound-mails/:mailId')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'One taken-in mail, whatever became of it: what a take-in is followed by (supervisor)' })
  @ApiOkResponse({ type: InboundMailItemSchema })
  @problem(404, 'No such mail (`mail-not-found`)')
  async reviewOne(@Param('mailId', uuidParam('mailId')) mailId: string): Promise<InboundMailItem> {
    const entry = await this.mails.find(mailId);
    if (!entry) throw new HttpProblem(404, 'mail-not-found', 'Mail not found', 'No such mail.');
    return toItem(entry);
  }

  @Get('inbound-mails/:mailId/raw')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'A taken-in mail as received (message/rfc822), to download (supervisor)' })
  @ApiProduces('message/rfc822')
  @ApiOkResponse({ description: 'The mail source', content: { 'message/rfc822': { schema: { type: 'string', format: 'binary' } } } })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  async reviewRaw(@Param('mailId', uuidParam('mailId')) mailId: string): Promise<StreamableFile> {
    const entry = await this.mails.find(mailId);
    if (!entry) throw new HttpProblem(404, 'mail-not-found', 'Mail not found', 'No such mail.');
    return this.download(entry);
  }

  @Post('inbound-mails/:mailId/take-in')
  @HttpCode(202)
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Take in a mail that was held back (quarantined for its sender\'s hourly rate, or ignored as automatic mail): a worker takes it in as a new mail, past those two rules (supervisor)',
    description: 'Only where the list says `canTakeIn`. The request is recorded and audited at once; the mail\'s entry shows `takeIn` and, once taken in, its `ticketId`. A request the worker gave up on (`takeIn.state` `gave_up`, after failures that may pass) is started over.',
  })
  @ApiAcceptedResponse({ type: MailTakeInAnswerSchema, description: 'Recorded; a worker takes the mail in shortly' })
  @problem(404, 'No such mail (`mail-not-found`): nothing changed')
  @problem(409, 'The mail is on a ticket already, or was taken in (`mail-already-ticketed`, with `ticketId`), or is being taken in (`mail-take-in-under-way`): nothing changed')
  @problem(422, 'The mail cannot be taken in (`mail-cannot-be-taken-in`, `why`: `not_held` for a bounce, a mailing list\'s mail, our own or an agent\'s address, or unreadable mail; `original_not_kept`, also once deleted after MAIL_HELD_KEEP_DAYS; `refused` by the worker before): nothing changed')
  @problem(429, 'This supervisor took in too many mails in the hour (`too-many-take-ins`, FIRSTHAND_LIMIT_MAIL_TAKE_INS_PER_AGENT_PER_HOUR): nothing changed; wait Retry-After seconds')
  async takeIn(@CurrentAuditScene() scene: AuditScene, @CurrentAgent() agent: AuthenticatedAgent, @Param('mailId', uuidParam('mailId')) mailId: string): Promise<MailTakeInAnswer> {
    return this.takeInHeld.run(agent, mailId, scene);
  }

  private async ticketMail(agent: AuthenticatedAgent, ticketId: string, mailId: string): Promise<InboundMailEntry> {
    if (!(await this.tickets.isVisibleTo(ticketId, agent))) throw new TicketNotFound();
    const entry = await this.mails.find(mailId);
    if (!entry || entry.ticketId !== ticketId) throw mailNotFound();
    return entry;
  }

  private download(entry: InboundMailEntry): StreamableFile {
    if (!entry.originalKey) throw new HttpProblem(404, 'mail-original-not-kept', 'Original not kept', 'This mail was over the size limit; its bytes were not kept.');
    return new StreamableFile(this.storage.read(entry.originalKey), {
      type: 'message/rfc822',
      disposition: `attachment; filename="mail-${entry.id}.eml"`,
      length: entry.sizeBytes,
    });
  }
}

function toItem(e: InboundMailEntry): InboundMailItem {
  const auth = e.auth as InboundMailItem['auth'];
  return {
    id: e.id, mailbox: e.mailbox, ourAddress: e.ourAddress, messageId: e.messageId, from: e.fromAddress, subject: e.subject, sizeBytes: e.sizeBytes, outcome: e.outcome,
    reason: e.reason, reasonKind: e.outcome === 'ignored' || e.outcome === 'quarantined' ? (e.reasonKind ?? 'other') : null, refusedFiles: e.refusedFiles, ticketId: e.ticketId, messageRef: e.messageRef, verified: e.verified,
    auth: { ...(auth.dkim ? { dkim: auth.dkim } : {}), ...(auth.spf ? { spf: auth.spf } : {}), ...(auth.dmarc ? { dmarc: auth.dmarc } : {}) },
    hasOriginal: e.originalKey !== null, receivedAt: e.receivedAt.toISOString(),
    heldFor: e.heldFor, canTakeIn: mayTakeIn(heldMailFacts(e)), takeIn: e.takeIn,
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
