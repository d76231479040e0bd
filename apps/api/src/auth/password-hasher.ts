import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';

@Injectable()
export class PasswordHasher {
  /**
   * Compared against when the email is unknown, so a miss costs as long as a wrong password. Made on
   * the first miss, not at boot (about 0.14 s of CPU at the default cost, paid by every start).
   */
  private decoy: Promise<string> | null = null;

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.passwordHashCost);
  }

  async verify(password: string, hash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(password, hash ?? (await (this.decoy ??= bcrypt.hash('decoy-password-for-timing', this.config.passwordHashCost))));
    return hash !== null && matches;
  }
}
