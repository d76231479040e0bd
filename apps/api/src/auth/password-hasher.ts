import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';

@Injectable()
export class PasswordHasher {
  /** Compared against when the email is unknown, so a miss costs as long as a wrong password. */
  private readonly decoy: string;

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {
    this.decoy = bcrypt.hashSync('decoy-password-for-timing', config.passwordHashCost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.passwordHashCost);
  }

  async verify(password: string, hash: string | null): Promise<boolean> {
    const matches = await bcrypt.compare(password, hash ?? this.decoy);
    return hash !== null && matches;
  }
}
