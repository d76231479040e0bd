import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  AgentNotFound,
  AttachmentsTooLarge,
  AttachmentTypeRefused,
  CannedReplyLimitReached,
  CannedReplyNotFound,
  CannedReplyShortcutTaken,
  CannotDisableSelf,
  CustomerBeingErased,
  CustomerMergedAway,
  CustomerMergeRefused,
  CustomerNotFound,
  DomainError,
  EmailAlreadyRegistered,
  ExpectedSeqAhead,
  HandoffConflict,
  InvalidAssignee,
  NotTicketOwner,
  ReopenWindowClosed,
  BotHoldOver,
  RoleRequired,
  StaleTicketView,
  TeamNameTaken,
  TeamNamedInSettings,
  TeamNotFound,
  TicketAlreadyRated,
  TicketNotFound,
  TicketOwnedByAnother,
  TooManyAttachments,
  TooManyCustomerTickets,
  TransitionNotAllowed,
  UnknownPlaceholders,
  TooManyPendingUploads,
  UploadNotUsable,
  InvalidTag,
  TooManyTags,
  ConflictingTagChange,
  MacroNotFound,
  InvalidMacro,
  TooManyMacros,
  PasswordTooWeak,
  InboundMailNotFound,
  MailAlreadyTicketed,
  MailTakeInUnderWay,
  MailCannotBeTakenIn,
} from '@firsthand/domain';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { HttpProblem, problemType, RequestValidationFailed, type ProblemDocument } from './problem.js';
import { isPageNavigation, NOT_FOUND_PAGE, NOT_FOUND_PAGE_POLICY, type PageRequest } from '../web/not-found-page.js';

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/** One mapping from rule to HTTP: a domain error has exactly one status and title. */
const DOMAIN_STATUS: Array<[DomainErrorClass, number, string]> = [
  [TicketNotFound, 404, 'Ticket not found'],
  [TicketOwnedByAnother, 409, 'Ticket already claimed'],
  [NotTicketOwner, 403, 'Only the owner may do this'],
  [TransitionNotAllowed, 409, 'Not allowed in the current status'],
  [StaleTicketView, 409, 'The customer wrote since you last looked'],
  [ExpectedSeqAhead, 400, 'expectedSeq is ahead of the ticket'],
  [HandoffConflict, 409, 'Handoff conflict'],
  [RoleRequired, 403, 'Role required'],
  [ReopenWindowClosed, 409, 'Reopen window closed'],
  [BotHoldOver, 409, 'Automatic answer no longer waiting'],
  [TicketAlreadyRated, 409, 'Already rated'],
  [InvalidAssignee, 422, 'Invalid assignee'],
  [AgentNotFound, 404, 'Agent not found'],
  [CannotDisableSelf, 409, 'Cannot disable yourself'],
  [EmailAlreadyRegistered, 409, 'Email already registered'],
  [TeamNameTaken, 409, 'Team exists'],
  [TeamNotFound, 404, 'No such team'],
  [TeamNamedInSettings, 409, 'Team named in settings'],
  [AttachmentsTooLarge, 413, 'Attachments too large'],
  [AttachmentTypeRefused, 415, 'File type not accepted'],
  [TooManyAttachments, 422, 'Too many attachments'],
  [UploadNotUsable, 422, 'Upload not usable'],
  [TooManyPendingUploads, 429, 'Too many uploads waiting'],
  [CustomerNotFound, 404, 'Customer not found'],
  [CustomerMergeRefused, 409, 'Merge refused'],
  [CustomerMergedAway, 409, 'Customer merged into another'],
  [CustomerBeingErased, 409, 'Customer data being erased'],
  [TooManyCustomerTickets, 422, 'Too many tickets at once'],
  // canned replies
  [CannedReplyNotFound, 404, 'Canned reply not found'],
  [UnknownPlaceholders, 400, 'Unknown placeholders'],
  [CannedReplyShortcutTaken, 409, 'Shortcut taken'],
  [CannedReplyLimitReached, 409, 'Too many canned replies'],
  // Tags and macros (issue 12)
  [InvalidTag, 400, 'Invalid tag'],
  [ConflictingTagChange, 400, 'Tag both added and removed'],
  [TooManyTags, 422, 'Too many tags'],
  [MacroNotFound, 404, 'Macro not found'],
  [InvalidMacro, 400, 'Invalid macro'],
  [TooManyMacros, 422, 'Too many macros'],
  [PasswordTooWeak, 422, 'Password not accepted'],
  // Held mail taken in by a supervisor
  [InboundMailNotFound, 404, 'Mail not found'],
  [MailAlreadyTicketed, 409, 'Mail already on a ticket'],
  [MailTakeInUnderWay, 409, 'Mail already being taken in'],
  [MailCannotBeTakenIn, 422, 'Mail cannot be taken in'],
];

interface FastifyLikeReply {
  status(code: number): FastifyLikeReply;
  header(name: string, value: string): FastifyLikeReply;
  send(body: unknown): void;
}

/** Every error leaves the API as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyLikeReply>();
    const request = host.switchToHttp().getRequest<PageRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request.url?.split('?')[0];
    if (problem.status === 404 && isPageNavigation(request)) {
      reply.status(404).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', NOT_FOUND_PAGE_POLICY).send(NOT_FOUND_PAGE);
      return;
    }
    if (typeof problem.retryAfterSeconds === 'number') reply.header('retry-after', String(problem.retryAfterSeconds));
    reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof RequestValidationFailed) {
      return { type: problemType('validation'), title: 'Invalid request', status: 400, detail: exception.message, errors: exception.errors };
    }
    if (exception instanceof DomainError) {
      const entry = DOMAIN_STATUS.find(([cls]) => exception instanceof cls);
      const [, status, title] = entry ?? [undefined, 409, 'Refused'];
      return { type: problemType(exception.code), title, status, detail: exception.message, ...exception.extensions() };
    }
    // A body parser's refusal (JSON nested too deeply) reaches the filter wrapped by Nest, as the cause.
    const httpProblem = exception instanceof HttpProblem ? exception : exception instanceof HttpException && exception.cause instanceof HttpProblem ? exception.cause : undefined;
    if (httpProblem) {
      return { type: problemType(httpProblem.code), title: httpProblem.title, status: httpProblem.status, detail: httpProblem.message, ...httpProblem.extensions };
    }
    // Nest wraps Fastify's own errors (bad JSON, body too large) in an HttpException with the cause.
    const cause = exception instanceof HttpException ? exception.cause : undefined;
    const fastifyError = (cause ?? exception) as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_') && typeof fastifyError.statusCode === 'number') {
      return this.fromFastify(fastifyError.statusCode, fastifyError.code, fastifyError.message ?? 'Bad request');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
      return { type: 'about:blank', title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail: Array.isArray(detail) ? detail.join('; ') : detail };
    }
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return this.fromFastify(fastifyError.statusCode, fastifyError.code, fastifyError.message ?? 'Bad request');
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return { type: problemType('service-unavailable'), title: 'Service unavailable', status: 503, detail: `The database cannot take this request now; retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds.`, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side; it has been logged.' };
  }

  private fromFastify(status: number, code: string | undefined, message: string): ProblemDocument {
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/.test(message)) {
      return { type: problemType('malformed-json'), title: 'Malformed JSON', status: 400, detail: message };
    }
    if (status === 413) return { type: problemType('payload-too-large'), title: 'Payload too large', status, detail: message };
    if (status === 415) return { type: problemType('unsupported-media-type'), title: 'Unsupported media type', status, detail: message };
    return { type: 'about:blank', title: 'Bad Request', status, detail: message };
  }
}
