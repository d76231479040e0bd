import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { assertAcceptablePassword, passwordContext, PasswordTooWeak, type PasswordGuessing } from '@firsthand/domain';
import { ConfigError, FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { AgentStore } from '@firsthand/persistence';
import { PasswordHasher } from './password-hasher.js';
import { ZxcvbnPasswordGuessing } from './password-guessing.js';

const ADMIN_NAME = 'Administrator';

/**
 * The admin from the environment is the most privileged account: its password must pass the rule
 * every agent's does. Checked here, not in libs/config, because the guessing estimate (zxcvbn and its
 * dictionaries) belongs to the API alone. Answers the problem naming the variable, or null.
 */
export function bootstrapAdminPasswordProblem(admin: { email: string; password: string }, guessing: PasswordGuessing): string | null {
  try {
    assertAcceptablePassword(admin.password, passwordContext({ name: ADMIN_NAME, email: admin.email }), guessing);
    return null;
  } catch (error) {
    if (!(error instanceof PasswordTooWeak)) throw error;
    return `FIRSTHAND_ADMIN_PASSWORD ${error.reason}. The admin's password follows the rule of every agent's; it is read only to create the admin on a first start`;
  }
}

/** On first start, the admin named in the environment is created; later starts leave it alone. A weak password stops the start. */
@Injectable()
export class BootstrapAdmin implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly agents: AgentStore,
    private readonly hasher: PasswordHasher,
    private readonly guessing: ZxcvbnPasswordGuessing,
  ) {}

  onModuleInit(): void {
    const admin = this.config.bootstrapAdmin;
    const problem = admin && bootstrapAdminPasswordProblem(admin, this.guessing);
    if (problem) throw new ConfigError([problem]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const passwordHash = await this.hasher.hash(admin.password);
    const created = await this.agents.register({ name: ADMIN_NAME, email: admin.email, passwordHash, role: 'admin', teamId: null });
    if (created) this.logger.log(`Created admin ${admin.email}`);
  }
}
