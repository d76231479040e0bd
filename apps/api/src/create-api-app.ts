import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import type { FirsthandConfig } from '@firsthand/config';
import { AppModule } from './app.module.js';
import { refuseDeepJson } from './http/json-depth.js';
import { documentProblems } from './http/openapi-problems.js';
import { clientErrorProblem, routerErrorProblem } from './http/framework-problems.js';
import { acceptJsonBodiesOnly } from './http/json-bodies-only.js';
import { sendSecurityHeaders } from './http/security-headers.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { StrictValidationPipe } from './http/validation.pipe.js';
import { ApiMetrics } from './operations/api-metrics.js';
import { mountQueueBoard } from './operations/queue-board.js';
import { serveWebApp } from './web/serve-web-app.js';
import { limitApiRequests } from './limits/api-request-ceiling.js';

/** Builds the API exactly as `main.ts` runs it; tests use the same function. */
export async function createApiApp(config: FirsthandConfig): Promise<NestFastifyApplication> {
  // Forwarded headers (the client address, host and scheme) are believed only from configured proxies:
  // from anyone else they would let a client pick its own address for every limit, and its own gateway URL.
  const trustProxy = config.trustedProxies.length > 0 ? config.trustedProxies : false;
  const adapter = new FastifyAdapter({ bodyLimit: config.api.bodyLimitBytes, trustProxy, clientErrorHandler: clientErrorProblem, frameworkErrors: routerErrorProblem });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: config.environment === 'test' ? ['error'] : loggerLevels(config.logLevel),
  });
  refuseDeepJson(app, config.apiJsonMaxDepth, config.api.bodyLimitBytes);
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  const { requests } = app.get(ApiMetrics);
  fastify.addHook('onResponse', async (request, reply) => {
    requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  sendSecurityHeaders(fastify, config);
  acceptJsonBodiesOnly(fastify);
  // Uploads are parsed only where a route asks for them (`request.parts()`), each part capped here too.
  limitApiRequests(app);
  await app.register(multipart, { limits: { fileSize: config.attachments.maxFileBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 100 } });
  await mountQueueBoard(app);

  const description = new DocumentBuilder()
    .setTitle('Firsthand API')
    .setDescription('First-contact-resolution helpdesk: the first agent who responds owns the issue until it is solved. Errors are RFC 9457 problem+json.')
    .setVersion('0.1.0')
    .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
    .addServer('/', 'This deployment')
    .addTag(
      'email',
      'Email is a customer channel: mail to the support address (IMAP mailboxes or the inbound SMTP listener, run by the worker) opens a ticket or continues one, ' +
        'threaded by the ticket\'s reply address, our Message-IDs, or the [FH-XXXXX] code from the ticket\'s own customer; answers go out as one mail thread. ' +
        'Limits: MAIL_MAX_BYTES (25 MB), MAIL_MAX_RECIPIENTS (50), MAIL_MAX_FILES (20 files read from one mail, the rest named as not attached), MAIL_PER_SENDER_PER_HOUR (30); files in an email to a customer MAIL_MAX_OUTBOUND_FILE_BYTES (9 MiB, as sent). Mail that fails DMARC for the customer\'s address is kept, marked unverified, and changes nothing. ' +
        'These routes show a ticket\'s mails and originals, and (supervisors) the mail that made no ticket and why. See docs/email.md.',
    )
    .addTag(
      'attachments',
      'Upload a file first (POST /api/uploads, one per request), then name it with its uploadToken in a message or an opening within 24 hours. ' +
        'The type comes from the bytes; limits per file (10 MB), per message (10 files, 25 MB) and per ticket (100 MB) are configurable. See docs/attachments.md.',
    )
    .addTag(
      'calendars',
      'Business calendars (admins and supervisors): an IANA zone, weekly working hours, holidays and make-up working days (调休), imported from .ics or edited; ' +
        'one per team (PUT /api/teams/{id}/calendar), a default for the rest, and 24×7 ("alwaysOpen") for what must never wait. ' +
        'Clock rules: first-response, next-update and resolution targets and their 80% warning, 100% breach and 150% critical moments count working time on the ticket\'s calendar ' +
        '(the priority × tier policy\'s, else the team\'s, else the default); the resolution clock stands still while the ticket waits for the customer ' +
        '(FIRSTHAND_SLA_PAUSE_WHILE_WAITING) and resumes on their reply; a complaint\'s 24-hour cap counts 24×7 unless a supervisor sets complaintCap to ticket_calendar. ' +
        'A calendar change re-plans open tickets. See docs/business-time.md.',
    )
    .addTag(
      'sla policies',
      'Targets per priority × customer tier, in working minutes of the calendar the policy names (calendarId) or the ticket\'s team calendar; ' +
        'the preview answers when a ticket opened at a given moment would be due, as ISO instants and local time with the calendar\'s zone. See docs/business-time.md.',
    )
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Tracking-Token', description: 'The token returned once when the ticket was opened' }, 'trackingToken')
    .build();
  // Built on the first request for it, then kept: scanning every route costs a few hundred
  // milliseconds that a starting process (and each test's API) need not spend.
  SwaggerModule.setup('api/docs', app, () => documentProblems(SwaggerModule.createDocument(app, description)), { jsonDocumentUrl: 'api/docs/openapi.json' });
  await serveWebApp(app, config);
  // A start refused by a module (an invalid configuration) leaves no pools or connections open behind it.
  await app.init().catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    throw error;
  });
  await fastify.ready();
  return app;
}

function loggerLevels(level: FirsthandConfig['logLevel']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
