import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AGENT_ROLES, PRESENCES, type AgentRole, type Presence } from '@firsthand/domain';
import type { Colleague, ColleagueList } from '@firsthand/http-contracts';
import { oneOf, optionalUuid, text, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'Colleague' })
class ColleagueSchema implements Colleague {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(oneOf(AGENT_ROLES)) role: AgentRole;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty(oneOf(PRESENCES)) presence: Presence;
}

@ApiSchema({ name: 'ColleagueList' })
export class ColleagueListSchema implements ColleagueList {
  @ApiProperty({ type: () => [ColleagueSchema] }) items: ColleagueSchema[];
}
