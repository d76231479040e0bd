import { Body, Controller, Delete, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RegisteredWebhookEndpoint, WebhookEndpointList, WebhookEndpointView, WebhookUrlRefusal } from '@firsthand/http-contracts';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { WEBHOOK_ENDPOINT_LIMITS } from '@firsthand/domain';
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
import { RegisteredWebhookEndpointSchema, WebhookEndpointListSchema, WebhookEndpointSchema } from './dto/webhook-endpoint-view.schema.js';
import { RegisterWebhookEndpointDto } from './webhook-endpoint.dto.js';

const WEBHOOK_ENDPOINT_LIMIT = WEBHOOK_ENDPOINT_LIMITS.active;

/** The guard's refusal as a word a page can translate (its message is English). */
const URL_REFUSALS: Partial<Record<DeliveryFailed['code'], WebhookUrlRefusal>> = { ssrf_refused: 'not-public-address', unreachable: 'unresolvable', invalid_target: 'not-a-url' };

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
  @ApiOperation({ summary: 'Registered webhook endpoints, removed ones included (admin)' })
  @ApiOkResponse({ type: WebhookEndpointListSchema })
  async list(): Promise<WebhookEndpointList> {
    return { items: await this.store.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Register an endpoint; its signing secret (whsec_...) is returned once (admin)' })
  @ApiCreatedResponse({ type: RegisteredWebhookEndpointSchema, description: 'Registered: `{endpoint, secret}`, the secret shown this once' })
  @problem(400, 'Bad input; a URL that is or resolves to a private, loopback or link-local address, or whose host does not resolve, is refused with `reason` `not-public-address` or `unresolvable` and `values.host` on its `url` entry')
  @problem(409, `As many active endpoints as allowed, ${WEBHOOK_ENDPOINT_LIMIT} (\`webhook-endpoint-limit\`)`)
  async register(@CurrentAgent() admin: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: RegisterWebhookEndpointDto): Promise<RegisteredWebhookEndpoint> {
    try {
      await this.guard.vet(body.url);
    } catch (error) {
      if (error instanceof DeliveryFailed) {
        const reason = URL_REFUSALS[error.code];
        throw new RequestValidationFailed([{ field: 'url', messages: [error.message], ...(reason ? { reason, values: { host: hostOf(body.url) } } : {}) }]);
      }
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
  @ApiOperation({ summary: 'Stop sending to an endpoint (admin); it stays listed as removed' })
  @ApiOkResponse({ type: WebhookEndpointSchema, description: 'The endpoint as it is now, `active: false`' })
  @problem(404, 'No such webhook endpoint (`webhook-endpoint-not-found`)')
  async remove(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string): Promise<WebhookEndpointView> {
    return this.audit.inside(scene, async (tx) => {
      const changed = await this.store.deactivate(id, tx);
      if (!changed) throw new HttpProblem(404, 'webhook-endpoint-not-found', 'Webhook endpoint not found', 'No such webhook endpoint.');
      const entries = changed.before.active ? [{ action: 'webhook_endpoint.deleted' as const, target: { type: 'webhook_endpoint', id, label: changed.after.url }, before: changed.before, after: changed.after }] : [];
      return { result: changed.after, entries };
    });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 200);
  }
}
