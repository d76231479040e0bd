import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '@firsthand/http-contracts';
import { AgentAuthGuard, OpenDuringEnrolment, type RequestWithAgent } from './agent-auth.guard.js';
import { TwoFactorConfirmationSchema, TwoFactorEnrolmentSchema, TwoFactorStatusSchema } from './dto/session.schema.js';
import { SecondFactorEnrolment } from './second-factor-enrolment.js';
import { DisableTwoFactorDto, TotpCodeDto } from './two-factor.dto.js';
import type { RequestFrom } from './auth.controller.js';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The signed-in agent's own TOTP second factor. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth/two-factor')
@UseGuards(AgentAuthGuard)
@OpenDuringEnrolment()
export class TwoFactorController {
  constructor(
    private readonly enrolment: SecondFactorEnrolment,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether I use two-factor sign-in, and must' })
  @ApiOkResponse({ type: TwoFactorStatusSchema })
  status(@Req() request: RequestWithAgent): Promise<TwoFactorStatus> {
    return this.enrolment.status(request.agent!);
  }

  @Post('enrolment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start enrolling an authenticator app: a new secret and its QR code (replaces an unconfirmed one)' })
  @ApiOkResponse({ type: TwoFactorEnrolmentSchema })
  @ApiResponse({ status: 409, description: 'Two-factor sign-in is already on: disable it first', content: problemContent })
  start(@Req() request: RequestWithAgent): Promise<TwoFactorEnrolment> {
    return this.enrolment.start(request.agent!);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the enrolment with a code from the app; answers the recovery codes, shown only now' })
  @ApiOkResponse({ type: TwoFactorConfirmationSchema })
  @ApiResponse({ status: 409, description: 'No enrolment under way (start one first), or already confirmed', content: problemContent })
  @ApiResponse({ status: 422, description: 'The code does not match the new secret; nothing stored', content: problemContent })
  async confirm(@Req() request: RequestWithAgent & RequestFrom, @Body() body: TotpCodeDto): Promise<TwoFactorConfirmation> {
    const confirmed = await this.enrolment.confirm(request.agent!, request.session!, body.code, request);
    await this.audit.recordAlone(auditSceneOf(request), { action: 'two_factor.enrolled', target: { type: 'agent', id: request.agent!.id, label: request.agent!.name }, after: { method: 'totp' } });
    return confirmed;
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn two-factor sign-in off, with a current code or the password' })
  @ApiNoContentResponse({ description: 'Off; the secret and recovery codes are deleted' })
  @ApiResponse({ status: 401, description: 'Wrong code or password; nothing changed', content: problemContent })
  @ApiResponse({ status: 409, description: 'Two-factor sign-in is not on', content: problemContent })
  @ApiResponse({ status: 429, description: 'Too many wrong codes or passwords for this account: wait Retry-After seconds', content: problemContent })
  async disable(@Req() request: RequestWithAgent & RequestFrom, @Body() body: DisableTwoFactorDto): Promise<void> {
    await this.enrolment.disable(request.agent!, body, request.ip);
    await this.audit.recordAlone(auditSceneOf(request), { action: 'two_factor.disabled', target: { type: 'agent', id: request.agent!.id, label: request.agent!.name }, before: { method: 'totp' } });
  }
}
