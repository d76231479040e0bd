import { Injectable } from '@nestjs/common';
import { assertAcceptablePassword, assertMayManageRole, EmailAlreadyRegistered, passwordContext, type ActingAgent, type AgentRole } from '@firsthand/domain';
import { AgentStore, TeamStore, type AgentProfile } from '@firsthand/persistence';
import { ZxcvbnPasswordGuessing } from '../../auth/password-guessing.js';
import { PasswordHasher } from '../../auth/password-hasher.js';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { assertKnownTeam } from './known-team.js';

export interface AgentRegistration {
  name: string;
  email: string;
  password: string;
  role: AgentRole;
  teamId?: string;
}

/** A supervisor or admin registers a colleague, who can sign in at once. Emails are kept lower-case; the password must pass the NIST rule. */
@Injectable()
export class RegisterAgent {
  constructor(
    private readonly agents: AgentStore,
    private readonly teams: TeamStore,
    private readonly hasher: PasswordHasher,
    private readonly guessing: ZxcvbnPasswordGuessing,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: ActingAgent, registration: AgentRegistration, scene: AuditScene): Promise<AgentProfile> {
    assertMayManageRole(actor, registration.role);
    assertAcceptablePassword(registration.password, passwordContext(registration), this.guessing);
    await assertKnownTeam(this.teams, registration.teamId);
    const passwordHash = await this.hasher.hash(registration.password);
    return this.audit.inside(scene, async (tx) => {
      const agent = await this.agents.register({
        name: registration.name,
        email: registration.email.toLowerCase(),
        passwordHash,
        role: registration.role,
        teamId: registration.teamId ?? null,
      }, tx);
      if (!agent) throw new EmailAlreadyRegistered(registration.email);
      const after = { name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId, active: agent.active, passwordHash };
      return { result: agent, entries: [{ action: 'agent.created', target: { type: 'agent', id: agent.id, label: agent.name }, before: null, after }] };
    });
  }
}
