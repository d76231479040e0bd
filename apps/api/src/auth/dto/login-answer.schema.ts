import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AGENT_ROLES, type AgentRole } from '@firsthand/domain';
import type { LoginAnswer, SignedInAgent } from '@firsthand/http-contracts';
import { oneOf, optionalUuid, text, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'SignedInAgent' })
class SignedInAgentSchema implements SignedInAgent {
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
}
