import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { RegisteredWebhookEndpoint, WebhookEndpointList, WebhookEndpointView } from '@firsthand/http-contracts';
import { text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'WebhookEndpoint' })
export class WebhookEndpointSchema implements WebhookEndpointView {
  @ApiProperty(uuid) id: string;
  @ApiProperty({ ...text, example: 'https://crm.example.com/hooks/firsthand' }) url: string;
  @ApiProperty({ ...text, description: 'Empty when none was given' }) description: string;
  @ApiProperty({ type: Boolean, description: 'false: removed, nothing is sent to it any more (kept for its past notifications)' }) active: boolean;
  @ApiProperty(time) createdAt: string;
}

@ApiSchema({ name: 'WebhookEndpointList' })
export class WebhookEndpointListSchema implements WebhookEndpointList {
  @ApiProperty({ type: () => [WebhookEndpointSchema], description: 'Oldest first, removed ones included' }) items: WebhookEndpointSchema[];
}

@ApiSchema({ name: 'RegisteredWebhookEndpoint' })
export class RegisteredWebhookEndpointSchema implements RegisteredWebhookEndpoint {
  @ApiProperty({ type: () => WebhookEndpointSchema }) endpoint: WebhookEndpointSchema;
  @ApiProperty({ ...text, example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, in this answer only: it is stored sealed and never shown again' }) secret: string;
}
