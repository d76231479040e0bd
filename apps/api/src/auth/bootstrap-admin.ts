import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { AgentStore } from '@firsthand/persistence';
import { PasswordHasher } from './password-hasher.js';

/** On first start, the admin named in the environment is created; later starts leave it alone. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly agents: AgentStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const passwordHash = await this.hasher.hash(admin.password);
    const created = await this.agents.register({ name: 'Administrator', email: admin.email, passwordHash, role: 'admin', teamId: null });
    if (created) this.logger.log(`Created admin ${admin.email}`);
  }
}
