import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { TAKE_IN_REFUSALS, UNTICKETED_REASON_KINDS, type TakeInRefusal, type TakeInState, type UnticketedReasonKind } from '@firsthand/domain';
import type { CopiedPeopleList, CopiedPersonItem, InboundMailItem, InboundMailOriginal, InboundMailPage, MailTakeInAnswer, TicketMailList } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'MailAuthResults' })
class MailAuthSchema {
  @ApiProperty({ ...text, required: false, example: 'pass' }) dkim?: string;
  @ApiProperty({ ...text, required: false, example: 'none' }) spf?: string;
  @ApiProperty({ ...text, required: false, example: 'fail' }) dmarc?: string;
}

@ApiSchema({ name: 'RefusedMailFile' })
class RefusedMailFileSchema {
  @ApiProperty(text) filename: string;
  @ApiProperty({ ...text, description: 'Why it was not attached, in English', example: '.exe: executables and scripts are not accepted' }) reason: string;
}

@ApiSchema({ name: 'OurMailAddress' })
class OurMailAddressSchema {
  @ApiProperty({ ...text, example: 'help@brand-c.example' }) address: string;
  @ApiProperty({ ...optionalText, description: 'Its display name (fromName), if it has one', example: 'Brand C' }) name: string | null;
}

@ApiSchema({ name: 'MailTakeInState' })
class MailTakeInStateSchema {
  @ApiProperty({ ...oneOf(['requested', 'taken', 'refused', 'gave_up']), description: 'Under way, done (the mail\'s ticketId is set), refused by the worker, or given up after failures that may pass (it may be asked again)' }) state: TakeInState;
  @ApiProperty({ ...oneOf(TAKE_IN_REFUSALS), nullable: true, description: 'Why the worker refused it (a kind; the details are in the worker\'s log)' }) refusedReason: TakeInRefusal | null;
}

@ApiSchema({ name: 'MailTakeInAnswer' })
export class MailTakeInAnswerSchema implements MailTakeInAnswer {
  @ApiProperty(uuid) mailId: string;
  @ApiProperty(oneOf(['requested'])) state: 'requested';
}

@ApiSchema({ name: 'InboundMailItem' })
export class InboundMailItemSchema implements InboundMailItem {
  @ApiProperty(uuid) id: string;
  @ApiProperty({ ...text, description: 'Where it came in: `smtp`, `smtp:<address>` (one of MAIL_ADDRESSES) or `imap:<mailbox>`', example: 'imap:billing' }) mailbox: string;
  @ApiProperty({
    type: () => OurMailAddressSchema,
    nullable: true,
    description: "The address of ours it came in at, recorded as it was taken: a brand's or team's own (MAIL_ADDRESSES, IMAP_MAILBOXES[].address), else the support address; the ticket's answers are sent from it. Null for mail recorded before it was kept",
  })
  ourAddress: OurMailAddressSchema | null;
  @ApiProperty(optionalText) messageId: string | null;
  @ApiProperty(optionalText) from: string | null;
  @ApiProperty(optionalText) subject: string | null;
  @ApiProperty(integer) sizeBytes: number;
  @ApiProperty(oneOf(['opened', 'continued', 'ignored', 'quarantined'])) outcome: InboundMailItem['outcome'];
  @ApiProperty({ ...optionalText, description: 'In words, for admins: why it was ignored or quarantined, or which of its files were refused' }) reason: string | null;
  @ApiProperty({ ...oneOf(UNTICKETED_REASON_KINDS), nullable: true, description: 'Why it made no ticket, as a kind for pages to word (`other` for a reason without one); null when it made one' })
  reasonKind: UnticketedReasonKind | null;
  @ApiProperty({ type: () => [RefusedMailFileSchema], description: 'The files of an accepted mail that were not attached, each with why; empty for the rest' }) refusedFiles: RefusedMailFileSchema[];
  @ApiProperty(optionalUuid) ticketId: string | null;
  @ApiProperty({ ...optionalUuid, description: 'The timeline message it became' }) messageRef: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'true: DMARC passed; false: it failed or the sender is not the ticket\'s customer; null: no verdict' }) verified: boolean | null;
  @ApiProperty({ type: () => MailAuthSchema }) auth: MailAuthSchema;
  @ApiProperty({ type: Boolean }) hasOriginal: boolean;
  @ApiProperty(time) receivedAt: string;
  @ApiProperty({ ...oneOf(['sender_rate', 'noise']), nullable: true, description: "Held back though a person may have written it: for its sender's hourly rate, or as automatic mail; null otherwise" })
  heldFor: InboundMailItem['heldFor'];
  @ApiProperty({ type: Boolean, description: 'Whether a supervisor may take it in now: held, its original kept, not being taken in' }) canTakeIn: boolean;
  @ApiProperty({ type: () => MailTakeInStateSchema, nullable: true, description: 'A take-in asked for; null when none was' }) takeIn: MailTakeInStateSchema | null;
}

@ApiSchema({ name: 'MailFileSummary' })
class MailFileSchema {
  @ApiProperty(text) filename: string;
  @ApiProperty(text) contentType: string;
  @ApiProperty(integer) sizeBytes: number;
}

@ApiSchema({ name: 'InboundMailOriginal' })
export class InboundMailOriginalSchema extends InboundMailItemSchema implements InboundMailOriginal {
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty({ type: [String] }) cc: string[];
  @ApiProperty(optionalTime) date: string | null;
  @ApiProperty({ ...text, description: 'The whole text, quoted history and signature included; HTML reduced to plain text' }) fullText: string;
  @ApiProperty({ type: () => [MailFileSchema] }) files: MailFileSchema[];
}

@ApiSchema({ name: 'TicketMailList' })
export class TicketMailListSchema implements TicketMailList {
  @ApiProperty({ type: () => [InboundMailItemSchema] }) items: InboundMailItemSchema[];
}

@ApiSchema({ name: 'InboundMailPage' })
export class InboundMailPageSchema implements InboundMailPage {
  @ApiProperty({ type: () => [InboundMailItemSchema] }) items: InboundMailItemSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'CopiedPerson' })
class CopiedPersonSchema implements CopiedPersonItem {
  @ApiProperty({ ...text, example: 'boss@acme.example' }) address: string;
  @ApiProperty({ ...optionalText, example: 'Ana Boss' }) name: string | null;
  @ApiProperty({ ...time, description: 'When a mail of the customer first copied them' }) addedAt: string;
}

@ApiSchema({ name: 'CopiedPeopleList' })
export class CopiedPeopleListSchema implements CopiedPeopleList {
  @ApiProperty({ type: () => [CopiedPersonSchema], maxItems: 10, description: 'Oldest first' }) items: CopiedPersonSchema[];
}
