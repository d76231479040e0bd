import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AGENT_ROLES, PRESENCES, type AgentRole, type Presence } from '@firsthand/domain';
import type { AgentList, AgentView, TeamList, TeamView } from '@firsthand/http-contracts';
import { integer, oneOf, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'AgentView' })
export class AgentViewSchema implements AgentView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(text) email: string;
  @ApiProperty(oneOf(AGENT_ROLES)) role: AgentRole;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty(oneOf(PRESENCES)) presence: Presence;
  @ApiProperty({ type: Boolean, description: 'false: may not sign in or own tickets' }) active: boolean;
  @ApiProperty(time) createdAt: string;
  @ApiProperty({ type: Boolean, description: 'An admin locked the account: sign-in refused until unlocked' }) locked: boolean;
  @ApiProperty({ type: Boolean, description: 'Signs in with an authenticator app as a second factor' }) twoFactor: boolean;
}

@ApiSchema({ name: 'AgentList' })
export class AgentListSchema implements AgentList {
  @ApiProperty({ type: () => [AgentViewSchema] }) items: AgentViewSchema[];
}

@ApiSchema({ name: 'TeamView' })
export class TeamViewSchema implements TeamView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty({ type: Boolean, description: 'New customer tickets land in the default team' }) isDefault: boolean;
  @ApiProperty(time) createdAt: string;
  @ApiProperty({ ...integer, minimum: 0, description: 'Its people who may sign in and work now (active, not locked), whatever their role' }) activeAgents: number;
}

@ApiSchema({ name: 'TeamList' })
export class TeamListSchema implements TeamList {
  @ApiProperty({ type: () => [TeamViewSchema] }) items: TeamViewSchema[];
}
