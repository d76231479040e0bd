import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { WorkerProcessItem, WorkerRosterView } from '@firsthand/http-contracts';
import { WORKER_ROLES } from '@firsthand/config';
import { integer, oneOf, text, time, uuid } from '../../http/dto/response-fields.js';

const role = oneOf(WORKER_ROLES);

@ApiSchema({ name: 'WorkerProcess' })
class WorkerProcessSchema implements WorkerProcessItem {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) hostname: string;
  @ApiProperty(integer) pid: number;
  @ApiProperty({ ...role, isArray: true, description: 'What it runs (WORKER_ROLES)' }) roles: string[];
  @ApiProperty(time) startedAt: string;
  @ApiProperty({ ...time, description: 'Its last check-in (every 15 s; after 45 s without one it no longer counts)' }) seenAt: string;
}

@ApiSchema({ name: 'WorkerRoleCoverage' })
class WorkerRoleCoverageSchema {
  @ApiProperty(role) role: string;
  @ApiProperty({ ...integer, description: 'Living processes that run it' }) processes: number;
}

@ApiSchema({ name: 'WorkerRoster' })
export class WorkerRosterSchema implements WorkerRosterView {
  @ApiProperty({ type: () => [WorkerProcessSchema], description: 'The living processes, oldest first' }) processes: WorkerProcessSchema[];
  @ApiProperty({ type: () => [WorkerRoleCoverageSchema] }) roles: WorkerRoleCoverageSchema[];
  @ApiProperty({ ...role, isArray: true, description: 'Roles no living process runs: that work waits, nothing lost, until a process with the role starts' }) uncoveredRoles: string[];
  @ApiProperty({ ...time, description: "The database's time the roster was judged at" }) checkedAt: string;
}
