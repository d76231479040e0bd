import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { CustomerErasureStatus, CustomerExportList, CustomerExportStatus } from '@firsthand/http-contracts';
import type { DownloadReply } from '../attachments/attachment-download.js';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { CustomerErasureDto, CustomerErasureStatusSchema, CustomerExportListQuery, CustomerExportListSchema, CustomerExportStatusSchema } from './dto/customer-data-rights.schema.js';
import { CustomerDataRights, exportStatus } from './use-cases/customer-data-rights.use-case.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const adminsOnly = problem('Only admins; nothing changed');
const unknownCustomer = problem('No such customer');
const EXPORT_FILE = /^[0-9a-f-]{36}\.zip$/;

/** Customer data rights (docs/data-rights.md): export everything held about a customer, or erase it. Admins only. */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers/:id')
@UseGuards(AgentAuthGuard)
export class CustomerDataRightsController {
  constructor(
    private readonly rights: CustomerDataRights,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly audit: AuditTrail,
  ) {}

  @Post('exports')
  @HttpCode(202)
  @RequireRoles('admin')
  @ApiOperation({ summary: "Ask for an archive of everything held about the customer; the worker writes it (poll the status)" })
  @ApiResponse({ status: 202, description: 'Queued', type: CustomerExportStatusSchema })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...unknownCustomer })
  @ApiResponse({ status: 409, ...problem('The customer was erased or merged away, or has too many exports under way (`limit`); nothing changed') })
  requestExport(@CurrentAgent() admin: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @CurrentAuditScene() scene: AuditScene): Promise<CustomerExportStatus> {
    return this.rights.requestExport(admin, id, scene);
  }

  @Get('exports')
  @RequireRoles('admin')
  @ApiOperation({ summary: "The customer's exports, newest first, with how many are live against the limit (why a further request would be refused)" })
  @ApiOkResponse({ type: CustomerExportListSchema })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...unknownCustomer })
  exports(@Param('id', uuidParam()) id: string, @Query() query: CustomerExportListQuery): Promise<CustomerExportList> {
    return this.rights.exportsOf(id, query.limit ?? 20);
  }

  @Get('exports/:exportId')
  @RequireRoles('admin')
  @ApiOperation({ summary: "An export's state; `downloadUrl` once ready" })
  @ApiOkResponse({ type: CustomerExportStatusSchema })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...problem('No such export of this customer') })
  async exportState(@Param('id', uuidParam()) id: string, @Param('exportId', uuidParam()) exportId: string): Promise<CustomerExportStatus> {
    return exportStatus(await this.rights.exportOf(id, exportId));
  }

  @Get('exports/:exportId/download')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'The archive (zip), until it expires; then it is deleted' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The zip, as an attachment', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...problem('No such export of this customer') })
  @ApiResponse({ status: 409, ...problem('Not ready yet (or failed); see its state') })
  @ApiResponse({ status: 410, ...problem('Expired or deleted') })
  async download(@Param('id', uuidParam()) id: string, @Param('exportId', uuidParam()) exportId: string, @Res() reply: DownloadReply, @CurrentAuditScene() scene: AuditScene): Promise<void> {
    const found = await this.rights.exportOf(id, exportId);
    if (found.state === 'expired' || found.state === 'deleted' || (found.expiresAt && found.expiresAt <= new Date())) {
      throw new HttpProblem(410, 'export-gone', 'Export gone', 'This export expired or was deleted; ask for a new one.');
    }
    if (found.state !== 'ready' || !found.fileName || !EXPORT_FILE.test(found.fileName)) {
      throw new HttpProblem(409, 'export-not-ready', 'Export not ready', `The export is ${found.state}.`, { state: found.state });
    }
    const path = join(resolve(this.config.dataRights.exportsDir), found.fileName);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) throw new HttpProblem(410, 'export-gone', 'Export gone', 'The archive is no longer stored; ask for a new one.');
    await this.audit.recordAlone(scene, { action: 'customer.export_downloaded', target: { type: 'customer', id, label: null }, after: { exportId } });
    reply
      .status(200)
      .header('Content-Type', 'application/zip')
      .header('Content-Length', size)
      .header('Content-Disposition', `attachment; filename="customer-${id}-export-${exportId.slice(0, 8)}.zip"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(createReadStream(path));
  }

  @Post('erasure')
  @HttpCode(202)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Erase the customer: a job that resumes if interrupted. With open tickets, the first call answers 409 saying what will happen; send `confirm: true`' })
  @ApiResponse({ status: 202, description: 'Queued (or the erasure already asked for)', type: CustomerErasureStatusSchema })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...unknownCustomer })
  @ApiResponse({ status: 409, ...problem('Open tickets and no confirmation (`openTickets`, `whatHappens`), or a merged-away record; nothing changed') })
  async erase(@CurrentAgent() admin: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: CustomerErasureDto, @CurrentAuditScene() scene: AuditScene): Promise<CustomerErasureStatus> {
    return (await this.rights.requestErasure(admin, id, body.confirm === true, scene)).status;
  }

  @Get('erasure')
  @RequireRoles('admin')
  @ApiOperation({ summary: "The customer's erasure and how far it got" })
  @ApiOkResponse({ type: CustomerErasureStatusSchema })
  @ApiResponse({ status: 403, ...adminsOnly })
  @ApiResponse({ status: 404, ...problem('No erasure asked for') })
  erasure(@Param('id', uuidParam()) id: string): Promise<CustomerErasureStatus> {
    return this.rights.erasureOf(id);
  }
}
