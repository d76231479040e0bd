import { Module } from '@nestjs/common';
import { InboundMailsController } from './inbound-mails.controller.js';

@Module({ controllers: [InboundMailsController] })
export class EmailModule {}
