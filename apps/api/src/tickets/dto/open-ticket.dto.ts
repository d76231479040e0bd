import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, LOCALES, PRIORITIES, TICKET_KINDS, type Channel, type CustomerTier, type Locale, type Priority, type TicketKind } from '@firsthand/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AttachmentsField, type UploadRefDto } from '../../attachments/dto/upload-ref.dto.js';
import { NotBlank } from '../../http/dto/not-blank.js';
import { SingleLineText } from '../../http/dto/single-line-text.js';

export class CustomerContactDto {
  @ApiProperty({ example: 'Wang Fang' }) @IsString() @MinLength(1) @MaxLength(120) @NotBlank() @SingleLineText() name: string;

  @ApiPropertyOptional({ example: 'wang.fang@example.com', description: 'email or phone is required' })
  @ValidateIf((c: CustomerContactDto) => c.email !== undefined || c.phone === undefined)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+8613800138000' })
  @ValidateIf((c: CustomerContactDto) => c.phone !== undefined || c.email === undefined)
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number (digits, spaces, +, -, parentheses)' })
  phone?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' }) @IsOptional() @IsIn(LOCALES) locale?: Locale;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, description: 'agents only' }) @IsOptional() @IsIn(CUSTOMER_TIERS) tier?: CustomerTier;
}

export class OpenTicketDto {
  // Two characters: a whole subject in Chinese (退款, 发票).
  @ApiProperty({ example: 'Refund not received', minLength: 2 }) @IsString() @MinLength(2) @MaxLength(200) @NotBlank() @SingleLineText() subject: string;
  @ApiProperty({ example: 'I returned the order on Monday and have not been refunded.' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  @NotBlank()
  description: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'web' }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ enum: TICKET_KINDS, default: 'question' }) @IsOptional() @IsIn(TICKET_KINDS) kind?: TicketKind;
  @ApiPropertyOptional({ enum: PRIORITIES, description: 'agents only; customers get normal' }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ format: 'uuid', description: 'agents only; default team otherwise' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ type: [String], description: 'agents only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiProperty({ type: CustomerContactDto }) @IsObject() @ValidateNested() @Type(() => CustomerContactDto) customer: CustomerContactDto;
  @AttachmentsField() attachments?: UploadRefDto[];
}
