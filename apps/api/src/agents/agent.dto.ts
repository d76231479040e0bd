import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_ROLES, PASSWORD_RULE, TEAM_NAME_MAX_LENGTH, type AgentRole } from '@firsthand/domain';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../http/dto/not-blank.js';

export class RegisterAgentDto {
  @ApiProperty({ example: 'Li Wei' }) @IsString() @MinLength(1) @MaxLength(120) @NotBlank() name: string;
  @ApiProperty({ example: 'li.wei@example.com' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: PASSWORD_RULE.minLength, maxLength: PASSWORD_RULE.maxLength, description: 'At least 12 characters and hard to guess (422 weak-password otherwise); no composition rules' })
  @IsString()
  @MaxLength(PASSWORD_RULE.maxLength * 2) // UTF-16 units: the rule counts characters, at most two units each
  password: string;
  @ApiProperty({ enum: AGENT_ROLES }) @IsIn(AGENT_ROLES) role: AgentRole;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
}

export class UpdateAgentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) @NotBlank() name?: string;
  @ApiPropertyOptional({ enum: AGENT_ROLES }) @IsOptional() @IsIn(AGENT_ROLES) role?: AgentRole;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ description: 'false disables sign-in and ownership' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Billing', maxLength: TEAM_NAME_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(TEAM_NAME_MAX_LENGTH) @NotBlank() name: string;
  @ApiPropertyOptional({ description: 'New customer tickets land in the default team' }) @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class RenameTeamDto {
  @ApiProperty({ example: 'Billing and refunds', maxLength: TEAM_NAME_MAX_LENGTH, description: 'Unique whatever its case (409 team-exists)' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEAM_NAME_MAX_LENGTH)
  @NotBlank()
  name: string;
}
