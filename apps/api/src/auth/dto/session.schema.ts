import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SignInSessionList, SignInSessionView, TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, text, time, uuid } from '../../http/dto/response-fields.js';
import { LoginAnswerSchema } from './login-answer.schema.js';

@ApiSchema({ name: 'SignInSession' })
class SignInSessionSchema implements SignInSessionView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(oneOf(['password', 'oidc'])) method: 'password' | 'oidc';
  @ApiProperty({ type: Boolean, description: 'The session of the token sent' }) current: boolean;
  @ApiProperty(time) createdAt: string;
  @ApiProperty({ ...time, description: 'Within about 30 s' }) lastSeenAt: string;
  @ApiProperty(time) expiresAt: string;
  @ApiProperty(optionalText) userAgent: string | null;
  @ApiProperty(optionalText) address: string | null;
}

@ApiSchema({ name: 'SignInSessionList' })
export class SignInSessionListSchema implements SignInSessionList {
  @ApiProperty({ type: () => [SignInSessionSchema] }) items: SignInSessionSchema[];
}

@ApiSchema({ name: 'RevokedCount' })
export class RevokedCountSchema {
  @ApiProperty({ ...integer, description: 'Sessions ended' }) revoked: number;
}

@ApiSchema({ name: 'TwoFactorStatus' })
export class TwoFactorStatusSchema implements TwoFactorStatus {
  @ApiProperty({ type: Boolean }) enrolled: boolean;
  @ApiProperty({ type: Boolean, description: 'The role must use two-factor sign-in' }) required: boolean;
  @ApiProperty(integer) recoveryCodesLeft: number;
}

@ApiSchema({ name: 'TwoFactorEnrolment' })
export class TwoFactorEnrolmentSchema implements TwoFactorEnrolment {
  @ApiProperty({ ...text, description: 'Base32 secret, for typing into the app by hand' }) secret: string;
  @ApiProperty(text) otpauthUri: string;
  @ApiProperty({ ...text, description: 'PNG data URL of the otpauth URI' }) qrCode: string;
}

@ApiSchema({ name: 'TwoFactorConfirmation' })
export class TwoFactorConfirmationSchema implements TwoFactorConfirmation {
  @ApiProperty({ type: [String], description: 'Shown only now; each works once in place of a code' }) recoveryCodes: string[];
  @ApiProperty({ type: () => LoginAnswerSchema, nullable: true, description: 'A full sign-in replacing an enrolment-only one; null otherwise' }) signIn: LoginAnswerSchema | null;
}

@ApiSchema({ name: 'AgentLockState' })
export class AgentLockStateSchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty({ type: Boolean }) locked: boolean;
}
