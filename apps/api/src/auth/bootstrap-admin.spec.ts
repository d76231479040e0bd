import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapAdminPasswordProblem } from './bootstrap-admin.js';
import { ZxcvbnPasswordGuessing } from './password-guessing.js';

describe('the bootstrap admin password (FIRSTHAND_ADMIN_PASSWORD) follows the agents\' rule', () => {
  const guessing = new ZxcvbnPasswordGuessing();
  const problem = (password: string, email = 'admin@example.com') => bootstrapAdminPasswordProblem({ email, password }, guessing);

  it('refuses a short password and one built on the product\'s name, naming the variable', () => {
    expect(problem('12345678')).toMatch(/^FIRSTHAND_ADMIN_PASSWORD must be at least 12 characters/);
    expect(problem('Firsthand2024!')).toMatch(/^FIRSTHAND_ADMIN_PASSWORD is too easy to guess/);
    // The admin's own email counts as a guessable word: the same password passes for another admin.
    expect(problem('Xylobrantquell1', 'xylobrantquell@example.com')).toMatch(/^FIRSTHAND_ADMIN_PASSWORD is too easy to guess/);
    expect(problem('Xylobrantquell1', 'admin@example.com')).toBeNull();
  });

  it('accepts a strong one', () => {
    expect(problem('tangerine-kayak-orbit')).toBeNull();
  });

  it('accepts the demo default that `npm start` sets', () => {
    const start = readFileSync(join(process.cwd(), 'scripts/start.mjs'), 'utf8');
    const email = /env\.FIRSTHAND_ADMIN_EMAIL = '([^']+)'/.exec(start)?.[1];
    const password = /env\.FIRSTHAND_ADMIN_PASSWORD = '([^']+)'/.exec(start)?.[1];
    expect([email, password]).toEqual(['admin@firsthand.local', 'firsthand-admin']);
    expect(problem(password!, email)).toBeNull();
  });
});
