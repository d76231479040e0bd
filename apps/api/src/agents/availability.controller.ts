import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { AVAILABILITIES, PRESENCES, type Availability, type Presence } from '@firsthand/domain';
import type { AgentAvailability } from '@firsthand/http-contracts';
import { AgentStore } from '@firsthand/persistence';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { IsIn } from 'class-validator';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { HttpProblem } from '../http/problem.js';
import { oneOf } from '../http/dto/response-fields.js';

export class AvailabilityDto implements Pick<AgentAvailability, 'availability'> {
  @ApiProperty({ enum: AVAILABILITIES, example: 'away' }) @IsIn(AVAILABILITIES) availability: Availability;
}

@ApiSchema({ name: 'AgentAvailability' })
class AgentAvailabilitySchema implements AgentAvailability {
  @ApiProperty({ ...oneOf(AVAILABILITIES), description: 'What the agent chose' }) availability: Availability;
  @ApiProperty({ ...oneOf(PRESENCES), description: 'What colleagues and supervisors see: the choice while a console of the agent is connected, else offline' }) presence: Presence;
}

/** Online or away: the signed-in agent's own choice, shown to colleagues (handoffs) and supervisors (agent load). */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents/me')
@UseGuards(AgentAuthGuard)
export class AvailabilityController {
  constructor(
    private readonly agents: AgentStore,
    private readonly live: CommittedEventsPublisher,
  ) {}

  @Get('availability')
  @ApiOperation({ summary: "The signed-in agent's availability, and the presence colleagues see" })
  @ApiOkResponse({ type: AgentAvailabilitySchema })
  async get(@CurrentAgent() agent: AuthenticatedAgent): Promise<AgentAvailability> {
    return (await this.agents.availability(agent.id)) ?? gone();
  }

  @Put('availability')
  @ApiOperation({ summary: 'Set the signed-in agent online or away (offline is not chosen: it is having no console open)' })
  @ApiOkResponse({ type: AgentAvailabilitySchema })
  async set(@CurrentAgent() agent: AuthenticatedAgent, @Body() body: AvailabilityDto): Promise<AgentAvailability> {
    const now = (await this.agents.setAvailability(agent.id, body.availability)) ?? gone();
    // The supervisors' agent load shows presence; no ticket event moves it.
    this.live.figuresChanged();
    return now;
  }
}

/** The guard found the agent active a moment ago; deactivated since, the account answers as signed out. */
function gone(): never {
  throw new HttpProblem(401, 'agent-deactivated', 'Account disabled', 'This account was deactivated.');
}
