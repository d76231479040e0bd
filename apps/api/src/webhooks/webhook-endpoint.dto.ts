import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export class RegisterWebhookEndpointDto {
  @ApiProperty({ example: 'https://crm.example.com/hooks/firsthand', description: 'http(s) URL; private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ example: 'CRM sync' }) @IsOptional() @IsString() @MaxLength(200) description?: string;
}
