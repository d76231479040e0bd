import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AGENT_ROLES, type AgentRole } from '@firsthand/domain';
import type { LoginAnswer, SecondFactorChallenge, SignedInAgent } from '@firsthand/http-contracts';
import { oneOf, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'SignedInAgent' })
export class SignedInAgentSchema implements SignedInAgent {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(text) email: string;
  @ApiProperty(oneOf(AGENT_ROLES)) role: AgentRole;
  @ApiProperty(optionalUuid) teamId: string | null;
}

@ApiSchema({ name: 'LoginAnswer' })
export class LoginAnswerSchema implements LoginAnswer {
  @ApiProperty({ ...text, description: 'Send as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiProperty({ type: () => SignedInAgentSchema }) agent: SignedInAgentSchema;
  @ApiProperty({ type: Boolean, description: 'The token allows only enrolling a second factor (the role requires one, see FIRSTHAND_REQUIRE_2FA_FOR)' }) enrolmentRequired: boolean;
}

@ApiSchema({ name: 'SecondFactorChallenge' })
export class SecondFactorChallengeSchema implements SecondFactorChallenge {
  @ApiProperty({ type: Boolean, enum: [true] }) secondFactorRequired: true;
  @ApiProperty({ ...text, description: 'Send with a code to `POST /api/auth/login/second-factor`; single use' }) challenge: string;
  @ApiProperty(time) expiresAt: string;
}
