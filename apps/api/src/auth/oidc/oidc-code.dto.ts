import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class OidcCodeDto {
  @ApiProperty({ description: 'The one-time code from the `#sso-code=` fragment', example: 'q2V3bXyZ...' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'code must be the one-time code from the sign-in redirect' })
  code: string;
}
