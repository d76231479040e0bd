import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher.js';

/** On first start, the admin named in the environment is created; later starts leave it alone. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const hash = await this.hasher.hash(admin.password);
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO agents (name, email, password_hash, role) VALUES ('Administrator', $1, $2, 'admin')
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [admin.email, hash],
    );
    if (inserted.length > 0) this.logger.log(`Created admin ${admin.email}`);
  }
}
