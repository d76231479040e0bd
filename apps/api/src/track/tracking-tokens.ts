import { Inject, Injectable } from '@nestjs/common';
import { TrackingTokenCodec } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';

@Injectable()
export class TrackingTokens extends TrackingTokenCodec {
  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    super(config.secret);
  }
}
