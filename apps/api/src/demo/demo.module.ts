import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { DemoSeed } from './demo-seed.js';

@Module({ imports: [TicketsModule], providers: [DemoSeed] })
export class DemoModule {}
