import { Inject, Injectable } from '@nestjs/common';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';

/** TOTP secrets are stored sealed under a key of their own, derived from the root secret: a database dump alone mints no codes. */
@Injectable()
export class SecondFactorSecrets extends SecretBox {
  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    super(config.secret, 'second-factor-secrets');
  }
}
