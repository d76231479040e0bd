import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AuditEntryView, AuditPage } from '@firsthand/http-contracts';
import { optionalText, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'AuditTarget' })
class AuditTargetSchema {
  @ApiProperty({ ...text, example: 'agent' }) type: string;
  @ApiProperty(optionalText) id: string | null;
  @ApiProperty({ ...optionalText, description: 'Its name at the time' }) label: string | null;
}

@ApiSchema({ name: 'AuditActor' })
class AuditActorSchema {
  @ApiProperty({ type: String, enum: ['agent', 'system'] }) type: 'agent' | 'system';
  @ApiProperty({ ...uuid, required: false }) id?: string;
  @ApiProperty({ ...text, required: false, description: 'Name at the time' }) name?: string;
  @ApiProperty({ ...text, required: false, description: 'Role at the time' }) role?: string;
}

@ApiSchema({ name: 'AuditEntry' })
class AuditEntrySchema implements AuditEntryView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(time) at: string;
  @ApiProperty({ type: () => AuditActorSchema }) actor: AuditEntryView['actor'];
  @ApiProperty({ ...optionalText, description: 'Client address (forwarded headers believed only from trusted proxies)' }) address: string | null;
  @ApiProperty(optionalText) userAgent: string | null;
  @ApiProperty({ ...text, example: 'agent.role_changed' }) action: string;
  @ApiProperty({ type: () => AuditTargetSchema }) target: AuditTargetSchema;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'State before the act, secrets "•••"' }) before: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'State after the act, secrets "•••"' }) after: unknown;
  @ApiProperty(optionalText) requestId: string | null;
}

@ApiSchema({ name: 'AuditPage' })
export class AuditPageSchema implements AuditPage {
  @ApiProperty({ type: () => [AuditEntrySchema] }) items: AuditEntrySchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}
