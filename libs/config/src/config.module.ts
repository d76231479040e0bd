import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { FirsthandConfig } from './firsthand-config.js';

/** Injection token for the typed configuration object. */
export const FIRSTHAND_CONFIG = Symbol('FIRSTHAND_CONFIG');

@Global()
@Module({})
export class FirsthandConfigModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return { module: FirsthandConfigModule, providers: [{ provide: FIRSTHAND_CONFIG, useValue: config }], exports: [FIRSTHAND_CONFIG] };
  }
}
