import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module.js';
import { NotificationsController } from './notifications.controller.js';

@Module({ imports: [OperationsModule], controllers: [NotificationsController] })
export class NotificationsModule {}
