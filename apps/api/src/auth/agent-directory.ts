import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgentEntity } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import type { AuthenticatedAgent } from './authenticated-agent.js';

/** Reads agents for authentication; writes belong to the agents feature. */
@Injectable()
export class AgentDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findActive(id: string): Promise<AuthenticatedAgent | null> {
    const agent = await this.db.getRepository(AgentEntity).findOneBy({ id, active: true });
    return agent ? { id: agent.id, name: agent.name, role: agent.role, teamId: agent.teamId, email: agent.email } : null;
  }

  async findForLogin(email: string): Promise<(AgentEntity & { passwordHash: string }) | null> {
    return (await this.db
      .getRepository(AgentEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.email) = lower(:email)', { email })
      .getOne()) as (AgentEntity & { passwordHash: string }) | null;
  }
}
