import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_ROLES, type AgentRole } from '@firsthand/domain';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class RegisterAgentDto {
  @ApiProperty({ example: 'Li Wei' }) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ example: 'li.wei@example.com' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty({ enum: AGENT_ROLES }) @IsIn(AGENT_ROLES) role: AgentRole;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
}

export class UpdateAgentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: AGENT_ROLES }) @IsOptional() @IsIn(AGENT_ROLES) role?: AgentRole;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ description: 'false disables sign-in and ownership' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Billing' }) @IsString() @MinLength(1) @MaxLength(80) name: string;
  @ApiPropertyOptional({ description: 'New customer tickets land in the default team' }) @IsOptional() @IsBoolean() isDefault?: boolean;
}
