import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenCodec } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';

/** The API's access-token codec; gateways build the same codec from the same secret. */
@Injectable()
export class AccessTokens extends AccessTokenCodec {
  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    super(config.secret, config.accessTokenTtlSeconds);
  }
}
