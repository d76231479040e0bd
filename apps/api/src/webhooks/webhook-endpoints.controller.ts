import { Body, Controller, Delete, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { DeliveryFailed, generateWebhookSecret, WebhookTargetGuard } from '@firsthand/notifications';
import { WebhookEndpointStore } from '@firsthand/persistence';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { problem } from '../http/openapi-problems.js';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { RegisterWebhookEndpointDto } from './webhook-endpoint.dto.js';

/** Active endpoints at most: every customer-visible event is sent to each of them. */
export const WEBHOOK_ENDPOINT_LIMIT = 20;

/** Integrations that receive every customer-visible ticket event, signed per Standard Webhooks (admin). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhook-endpoints')
@UseGuards(AgentAuthGuard)
@RequireRoles('admin')
export class WebhookEndpointsController {
  private readonly secrets: SecretBox;
  private readonly guard: WebhookTargetGuard;

  constructor(private readonly store: WebhookEndpointStore, private readonly audit: AuditTrail, @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.secrets = new SecretBox(config.secret);
    this.guard = new WebhookTargetGuard({ allowPrivateTargets: config.notifications.webhookAllowPrivateTargets, allowedCidrs: config.notifications.webhookAllowedCidrs });
  }

  @Get()
  @ApiOperation({ summary: 'Registered webhook endpoints (admin)' })
  async list() {
    return { items: await this.store.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Register an endpoint; its signing secret (whsec_...) is returned once (admin)' })
  @ApiCreatedResponse({ description: 'Registered: `{endpoint, secret}`, the secret shown this once' })
  @problem(409, `As many active endpoints as allowed, ${WEBHOOK_ENDPOINT_LIMIT} (\`webhook-endpoint-limit\`)`)
  async register(@CurrentAgent() admin: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: RegisterWebhookEndpointDto) {
    try {
      await this.guard.vet(body.url);
    } catch (error) {
      if (error instanceof DeliveryFailed) throw new RequestValidationFailed([{ field: 'url', messages: [error.message] }]);
      throw error;
    }
    const secret = generateWebhookSecret();
    const endpoint = await this.audit.inside(scene, async (tx) => {
      // Every customer-visible event goes to each endpoint: their number is what one event costs.
      const active = await this.store.countActive(tx);
      if (active >= WEBHOOK_ENDPOINT_LIMIT) {
        throw new HttpProblem(409, 'webhook-endpoint-limit', 'Too many webhook endpoints', `There can be at most ${WEBHOOK_ENDPOINT_LIMIT} webhook endpoints; remove one first.`, { limit: WEBHOOK_ENDPOINT_LIMIT });
      }
      const made = await this.store.create({ url: body.url, description: body.description ?? '', sealedSecret: this.secrets.seal(secret), createdBy: admin.id }, tx);
      return { result: made, entries: [{ action: 'webhook_endpoint.created', target: { type: 'webhook_endpoint', id: made.id, label: made.url }, before: null, after: { ...made, secret } }] };
    });
    return { endpoint, secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Stop sending to an endpoint (admin)' })
  async remove(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string) {
    return this.audit.inside(scene, async (tx) => {
      const changed = await this.store.deactivate(id, tx);
      if (!changed) throw new HttpProblem(404, 'webhook-endpoint-not-found', 'Webhook endpoint not found', 'No such webhook endpoint.');
      const entries = changed.before.active ? [{ action: 'webhook_endpoint.deleted' as const, target: { type: 'webhook_endpoint', id, label: changed.after.url }, before: changed.before, after: changed.after }] : [];
      return { result: changed.after, entries };
    });
  }
}
