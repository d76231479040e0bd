import { Body, Controller, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@firsthand/domain';
import type { NotificationLanguage } from '@firsthand/http-contracts';
import { AgentStore } from '@firsthand/persistence';
import { IsIn } from 'class-validator';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { oneOf } from '../http/dto/response-fields.js';

export class NotificationLanguageDto implements NotificationLanguage {
  @ApiProperty({ enum: LOCALES, example: 'zh-CN' }) @IsIn(LOCALES) locale: Locale;
}

@ApiSchema({ name: 'NotificationLanguage' })
class NotificationLanguageSchema implements NotificationLanguage {
  @ApiProperty(oneOf(LOCALES)) locale: Locale;
}

/**
 * The language of an agent's own emails and live notices: the console sets it to the language the
 * agent reads it in, so someone working in English is not written to in Chinese.
 */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents/me')
@UseGuards(AgentAuthGuard)
export class NotificationLanguageController {
  constructor(private readonly agents: AgentStore) {}

  @Put('locale')
  @ApiOperation({ summary: "The signed-in agent's notification language (emails and live notices)" })
  @ApiOkResponse({ type: NotificationLanguageSchema })
  async set(@CurrentAgent() agent: AuthenticatedAgent, @Body() body: NotificationLanguageDto): Promise<NotificationLanguage> {
    // The guard has found the agent active: their row is there.
    await this.agents.setNotificationLocale(agent.id, body.locale);
    return { locale: body.locale };
  }
}
