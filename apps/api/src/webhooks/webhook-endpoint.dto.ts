import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WEBHOOK_ENDPOINT_LIMITS } from '@firsthand/domain';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export class RegisterWebhookEndpointDto {
  @ApiProperty({ example: 'https://crm.example.com/hooks/firsthand', description: 'http(s) URL; private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  @MaxLength(WEBHOOK_ENDPOINT_LIMITS.urlMaxLength)
  url: string;

  @ApiPropertyOptional({ example: 'CRM sync', maxLength: WEBHOOK_ENDPOINT_LIMITS.descriptionMaxLength }) @IsOptional() @IsString() @MaxLength(WEBHOOK_ENDPOINT_LIMITS.descriptionMaxLength) description?: string;
}
