import { Module } from '@nestjs/common';
import { InboundMailsController } from './inbound-mails.controller.js';
import { TakeInHeldMail } from './use-cases/take-in-held-mail.use-case.js';

@Module({ controllers: [InboundMailsController], providers: [TakeInHeldMail] })
export class EmailModule {}
