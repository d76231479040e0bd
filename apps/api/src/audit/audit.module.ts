import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditTrail } from './audit-trail.js';
import { ReadAudit } from './read-audit.use-case.js';

/** Global so every feature records through the one AuditTrail without importing this module. */
@Global()
@Module({ controllers: [AuditController], providers: [AuditTrail, ReadAudit], exports: [AuditTrail] })
export class AuditModule {}
