import { Module } from '@nestjs/common';
import { ClientConfigController } from './client-config.controller.js';

/** The browser app's run-time configuration; the pages themselves are served by serveWebApp. */
@Module({ controllers: [ClientConfigController] })
export class WebModule {}
