import { AgentPrincipals } from '@firsthand/persistence';

/**
 * The agents behind tokens and logins now come from the persistence store AgentPrincipals (held in
 * memory, dropped on any agent change in any process). This name stays for callers not yet moved.
 */
export { AgentPrincipals as AgentDirectory };
