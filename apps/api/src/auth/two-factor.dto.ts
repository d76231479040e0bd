import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class TotpCodeDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows now', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code: string;
}

/** Turning two-factor off needs proof it is still the agent: a current code or the password. */
export class DisableTwoFactorDto {
  @ApiPropertyOptional({ example: '123456' })
  @ValidateIf((body: DisableTwoFactorDto) => body.password === undefined || body.code !== undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows (or send password instead)' })
  code?: string;

  @ApiPropertyOptional({ example: 'demo-password' })
  @ValidateIf((body: DisableTwoFactorDto) => body.password !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password?: string;
}
