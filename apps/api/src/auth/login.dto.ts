import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'li.wei@firsthand.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class SecondFactorLoginDto {
  @ApiProperty({ description: 'The challenge `POST /api/auth/login` answered', example: 'Qm9vb29vb29vb29vb29vb29vb29vb29vb29vb29vb28' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'challenge must be the 43-character challenge the sign-in answered' })
  challenge: string;

  @ApiPropertyOptional({ description: 'The 6-digit code the authenticator app shows now', example: '123456' })
  @ValidateIf((body: SecondFactorLoginDto) => body.recoveryCode === undefined || body.code !== undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes shown at enrolment, in place of a code', example: 'ABCD-EFGH-JKLM' })
  @ValidateIf((body: SecondFactorLoginDto) => body.recoveryCode !== undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{12,20}$/, { message: 'recoveryCode must be a recovery code such as ABCD-EFGH-JKLM' })
  recoveryCode?: string;
}
