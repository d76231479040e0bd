import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { AGENT_ROLES, mayManageRole, type AgentRole } from '@firsthand/domain';
import type { AgentList, AgentView, TeamList, TeamView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { roleLabel } from '../../shared/i18n/role-label.js';
import { useAgentApi, useAgentSession } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { SupervisorPage } from '../calendars/SupervisorNav.js';
import './people.css';

/**
 * `/supervisor/people`: who works here, in which team and role, and the admin's account holds
 * (lock, reset a lost authenticator). Every change is one API call, refused or audited there; the
 * page only shows the answer.
 */
export function PeoplePage() {
  const { t } = useI18n();
  const api = useAgentApi();
  const me = useAgentSession().session?.agent;
  const isAdmin = me?.role === 'admin';
  const [agents, setAgents] = useState<AgentView[] | null>(null);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const focus = useFocusReturn();
  const doneRef = useRef<HTMLDivElement>(null);

  const reload = useCallback(
    () =>
      Promise.all([api.get<AgentList>('/api/agents'), api.get<TeamList>('/api/teams')])
        .then(([list, teamList]) => {
          setAgents(list.items);
          setTeams(teamList.items);
        })
        .catch((e: unknown) => setError(problemText(e, t))),
    [api, t],
  );
  useEffect(() => void reload(), [reload]);

  /**
   * Runs one change, then shows the list as the server has it now (also after a refusal). Focus goes
   * back to the control that made the change, or to the outcome when that control is gone (a reset's button).
   */
  const act = async (work: () => Promise<unknown>, doneText: string) => {
    focus.opened();
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(doneText);
    } catch (e) {
      setError(problemText(e, t));
    }
    await reload();
    focus.back(() => doneRef.current);
  };

  const change = (agent: AgentView, body: Partial<Pick<AgentView, 'role' | 'teamId' | 'active'>>) =>
    act(() => api.patch(`/api/agents/${agent.id}`, body), t('people.saved', { name: agent.name }));

  return (
    <SupervisorPage current="/supervisor/people" title={t('people.title')} intro={t('people.intro')} error={error}>
      {done && (
        <Notice tone="success" ref={doneRef}>
          {done}
        </Notice>
      )}
      {!agents ? (
        !error && <p role="status">{t('app.loading')}</p>
      ) : (
        <div className="table-wrap">
          <table className="people-table" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.team')}</th>
                <th scope="col">{t('people.account')}</th>
                <th scope="col">{t('people.twoFactor')}</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((agent) => {
                const self = agent.id === me?.id;
                // Supervisors manage agents and seniors; a supervisor's or admin's row is an admin's (the API says the same).
                const inReach = me ? mayManageRole(me, agent.role) : false;
                return (
                  <tr key={agent.id} data-agent={agent.email} className={agent.active && !agent.locked ? undefined : 'inactive'}>
                    <th scope="row">
                      {agent.name}
                      <span className="muted people-email">{agent.email}</span>
                    </th>
                    <td>
                      <select aria-label={t('people.roleOf', { name: agent.name })} value={agent.role} disabled={self || !inReach} onChange={(e) => void change(agent, { role: e.target.value as AgentRole })}>
                        {AGENT_ROLES.filter((role) => role === agent.role || (me && mayManageRole(me, role))).map((role) => (
                          <option key={role} value={role}>
                            {roleLabel(role, t)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select aria-label={t('people.teamOf', { name: agent.name })} value={agent.teamId ?? ''} disabled={!inReach} onChange={(e) => e.target.value && void change(agent, { teamId: e.target.value })}>
                        {agent.teamId === null && <option value="">{t('people.noTeam')}</option>}
                        {teams.map((team) => (
                          <option key={team.id} value={team.id}>
                            {team.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="people-account">
                      <span>{agent.locked ? t('people.locked') : agent.active ? t('people.active') : t('people.disabled')}</span>
                      {!self && inReach && (
                        <button
                          type="button"
                          className="link"
                          // Disabling ends their sessions at once: asked first, as the other account actions are.
                          onClick={() => (!agent.active || window.confirm(t('people.disableConfirm', { name: agent.name }))) && void change(agent, { active: !agent.active })}
                        >
                          {agent.active ? t('people.disable', { name: agent.name }) : t('people.enable', { name: agent.name })}
                        </button>
                      )}
                      {isAdmin && !self && (
                        <button
                          type="button"
                          className="link"
                          onClick={() =>
                            (agent.locked || window.confirm(t('people.lockConfirm', { name: agent.name }))) &&
                            void act(() => api.post(`/api/agents/${agent.id}/${agent.locked ? 'unlock' : 'lock'}`), t(agent.locked ? 'people.unlockedDone' : 'people.lockedDone', { name: agent.name }))
                          }
                        >
                          {agent.locked ? t('people.unlock', { name: agent.name }) : t('people.lock', { name: agent.name })}
                        </button>
                      )}
                    </td>
                    <td>
                      <span>{agent.twoFactor ? t('people.twoFactorOn') : t('people.twoFactorOff')}</span>
                      {isAdmin && !self && agent.twoFactor && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => window.confirm(t('people.resetConfirm', { name: agent.name })) && void act(() => api.post(`/api/agents/${agent.id}/two-factor/reset`), t('people.resetDone', { name: agent.name }))}
                        >
                          {t('people.reset', { name: agent.name })}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <RegisterAgentForm teams={teams} onRegistered={(name) => act(async () => undefined, t('people.registered', { name }))} />
    </SupervisorPage>
  );
}

function RegisterAgentForm({ teams, onRegistered }: { teams: TeamView[]; onRegistered(name: string): Promise<void> }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const me = useAgentSession().session?.agent;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AgentRole>('agent');
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/agents', { name: name.trim(), email: email.trim(), password, role, ...(teamId ? { teamId } : {}) });
      const registered = name.trim();
      setName('');
      setEmail('');
      setPassword('');
      await onRegistered(registered);
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="people-register" onSubmit={(e) => void submit(e)} aria-labelledby="people-register-title">
      <h2 id="people-register-title">{t('people.registerTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      <Field label={t('people.name')}>{(props) => <input {...props} required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label={t('people.email')}>{(props) => <input {...props} type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
      <Field label={t('people.password')} hint={t('people.passwordHint')}>
        {(props) => <input {...props} type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Field label={t('people.role')}>
        {(props) => (
          <select {...props} value={role} onChange={(e) => setRole(e.target.value as AgentRole)}>
            {AGENT_ROLES.filter((r) => me && mayManageRole(me, r)).map((r) => (
              <option key={r} value={r}>
                {roleLabel(r, t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('people.team')}>
        {(props) => (
          <select {...props} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('people.noTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {t('people.register')}
      </button>
    </form>
  );
}
