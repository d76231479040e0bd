import { useRef, useState, type FormEvent } from 'react';
import { TEAM_NAME_MAX_LENGTH } from '@firsthand/domain';
import type { TeamNameRequest, TeamView } from '@firsthand/http-contracts';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi, useAgentSession } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusFirstField, useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { SupervisorPage } from '../calendars/SupervisorNav.js';
import { teamRefusalText } from './settings-refusals.js';
import { useSettingsList } from './use-settings-list.js';
import './admin-settings.css';

/**
 * `/supervisor/teams`: the teams with how many of their people are active, and each one's id (for
 * the mail settings, which may name a team by it); supervisors and admins create one (as the API
 * allows both), admins rename one. Every change is refused or audited by the
 * API; the page shows the answer and the list as the server has it afterwards.
 */
export function TeamsPage() {
  const { t, dateTime } = useI18n();
  const isAdmin = useAgentSession().session?.agent.role === 'admin';
  const { items: teams, reload, error, setError, done, setDone } = useSettingsList<TeamView>('/api/teams', teamRefusalText);
  const [renaming, setRenaming] = useState<string | null>(null);
  const focus = useFocusReturn();
  const doneRef = useRef<HTMLDivElement>(null);

  const finished = async (text: string) => {
    setError(null);
    setDone(text);
    setRenaming(null);
    await reload();
    focus.back(() => doneRef.current);
  };

  return (
    <SupervisorPage current="/supervisor/teams" title={t('teams.title')} intro={t('teams.intro')} error={error}>
      <div className="settings-page">
        {done && (
          <Notice tone="success" ref={doneRef}>
            {done}
          </Notice>
        )}
        {!teams ? (
          !error && <p role="status">{t('app.loading')}</p>
        ) : teams.length === 0 ? (
          <p>{t('teams.none')}</p>
        ) : (
          <table className="settings-table rows-on-phone" data-testid="teams-table">
            <thead>
              <tr>
                <th scope="col">{t('teams.name')}</th>
                <th scope="col" className="num">
                  {t('teams.activeAgents')}
                </th>
                <th scope="col">{t('teams.created')}</th>
                <th scope="col">{t('teams.id')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id} data-team={team.name}>
                  <td data-label={t('teams.name')}>
                    {renaming === team.id ? (
                      <RenameTeamForm
                        team={team}
                        onRenamed={(name) => void finished(t('teams.renamed', { old: team.name, name }))}
                        onCancel={() => {
                          setRenaming(null);
                          focus.back();
                        }}
                      />
                    ) : (
                      <>
                        <span className="settings-name">{team.name}</span>
                        {team.isDefault && <span className="badge badge-neutral">{t('teams.default')}</span>}
                        {isAdmin && (
                          <button
                            type="button"
                            className="link settings-action"
                            onClick={() => {
                              focus.opened();
                              setDone(null);
                              setRenaming(team.id);
                            }}
                          >
                            {t('teams.rename', { name: team.name })}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                  <td data-label={t('teams.activeAgents')} className="num">
                    {team.activeAgents}
                  </td>
                  <td data-label={t('teams.created')}>
                    <time dateTime={team.createdAt}>{dateTime(team.createdAt)}</time>
                  </td>
                  <td data-label={t('teams.id')}>
                    <code className="settings-id">{team.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {teams && teams.length > 0 && <p className="muted settings-explainer">{t('teams.idHint')}</p>}
        {!isAdmin && <p className="muted">{t('teams.renameAdminsOnly')}</p>}
        <CreateTeamForm onCreated={(name) => void finished(t('teams.createdDone', { name }))} />
      </div>
    </SupervisorPage>
  );
}

function RenameTeamForm({ team, onRenamed, onCancel }: { team: TeamView; onRenamed(name: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const [name, setName] = useState(team.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstField(form);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const renamed = await api.patch<TeamView>(`/api/teams/${team.id}`, { name: name.trim() } satisfies TeamNameRequest);
      onRenamed(renamed.name);
    } catch (e) {
      setError(teamRefusalText(e, t));
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="settings-inline-form" onSubmit={(e) => void submit(e)}>
      {error && <Notice tone="error">{error}</Notice>}
      <Field label={t('teams.newName', { name: team.name })}>
        {(props) => <input {...props} required maxLength={TEAM_NAME_MAX_LENGTH} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('teams.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

function CreateTeamForm({ onCreated }: { onCreated(name: string): void }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<TeamView>('/api/teams', { name: name.trim(), ...(isDefault ? { isDefault } : {}) });
      setName('');
      setIsDefault(false);
      onCreated(created.name);
    } catch (e) {
      setError(teamRefusalText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} aria-labelledby="teams-create-title">
      <h2 id="teams-create-title">{t('teams.createTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      <Field label={t('teams.name')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={TEAM_NAME_MAX_LENGTH}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <label className="settings-check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> {t('teams.makeDefault')}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('teams.create')}
      </button>
    </form>
  );
}
