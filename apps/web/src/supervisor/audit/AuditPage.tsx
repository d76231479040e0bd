import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditEntryView, AuditPage as AuditPageAnswer, TeamList } from '@firsthand/http-contracts';
import { apiResponse } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { nameWithRole } from '../../shared/i18n/role-label.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { useColleagues } from '../../shared/api/use-colleagues.js';
import { SupervisorPage } from '../calendars/SupervisorNav.js';
import { auditQuery, EMPTY_AUDIT_FILTERS, type AuditFilterForm } from './audit-filters.js';
import { AUDIT_ACTION_GROUPS, auditActionLabel, auditDetails, auditSubjectLabel, type AuditDetailFormat } from './audit-labels.js';
import './audit.css';

const PAGE = 50;

/** `/supervisor/audit` (admins): who changed what, filtered, paged, and downloadable as CSV. */
export function AuditPage() {
  const { t, dateTime, duration } = useI18n();
  const api = useAgentApi();
  const colleagues = useColleagues(api);
  const [teams, setTeams] = useState<TeamList['items']>([]);
  useEffect(() => {
    void api.get<TeamList>('/api/teams').then((list) => setTeams(list.items), () => undefined);
  }, [api]);
  const format = useMemo<AuditDetailFormat>(() => {
    const names = new Map(colleagues.map((c) => [c.id, c.name]));
    const teamNames = new Map(teams.map((team) => [team.id, team.name]));
    return { t, dateTime, duration, nameOf: (id) => names.get(id), teamNameOf: (id) => teamNames.get(id) };
  }, [t, dateTime, duration, colleagues, teams]);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [items, setItems] = useState<AuditEntryView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (filters: AuditFilterForm, cursor: string | null) => {
      setError(null);
      try {
        const page = await api.get<AuditPageAnswer>(`/api/audit?${auditQuery(filters, { cursor, limit: PAGE })}`);
        setItems((current) => (cursor && current ? [...current, ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (e) {
        setError(problemText(e, t));
      }
    },
    [api],
  );

  useEffect(() => void load(EMPTY_AUDIT_FILTERS, null), [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(form);
    void load(form, null);
  };

  const download = async () => {
    setError(null);
    try {
      const response = await apiResponse(`/api/audit?${auditQuery(applied, { format: 'csv' })}`, { token: api.token });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'audit.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(problemText(e, t));
    }
  };

  const set = (name: keyof AuditFilterForm) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <SupervisorPage current="/supervisor/audit" title={t('audit.title')} intro={t('audit.intro')} error={error}>
      <form className="audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <Field label={t('audit.action')} hint={t('audit.actionHint')}>
          {(props) => (
            <select {...props} value={form.action} onChange={set('action')}>
              <option value="">{t('audit.anyAction')}</option>
              {AUDIT_ACTION_GROUPS.map((group) => (
                <optgroup key={group.prefix} label={auditSubjectLabel(group.subject, t)}>
                  <option value={group.prefix}>{t('audit.actionGroupAll', { group: auditSubjectLabel(group.subject, t) })}</option>
                  {group.actions.map((action) => (
                    <option key={action} value={action}>
                      {auditActionLabel(action, t)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {/* Chosen by name: the page shows no agent ids to type. */}
        <Field label={t('audit.actor')}>
          {(props) => (
            <select {...props} value={form.actorId} onChange={set('actorId')}>
              <option value="">{t('audit.anyone')}</option>
              {colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {nameWithRole(c.name, c.role, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.targetType')}>{(props) => <input {...props} value={form.targetType} onChange={set('targetType')} maxLength={40} />}</Field>
        <Field label={t('audit.targetId')}>{(props) => <input {...props} value={form.targetId} onChange={set('targetId')} maxLength={100} />}</Field>
        <Field label={t('audit.from')}>{(props) => <input {...props} type="datetime-local" value={form.from} onChange={set('from')} />}</Field>
        <Field label={t('audit.to')}>{(props) => <input {...props} type="datetime-local" value={form.to} onChange={set('to')} />}</Field>
        <div className="audit-actions">
          <button type="submit">{t('audit.apply')}</button>
          <button type="button" onClick={() => void download()}>
            {t('audit.downloadCsv')}
          </button>
        </div>
      </form>
      {!items ? (
        !error && <p role="status">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.before')}</th>
                <th scope="col">{t('audit.after')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td>{dateTime(entry.at)}</td>
                  <td>{entry.actor.type === 'agent' ? nameWithRole(entry.actor.name, entry.actor.role, t) : t('audit.system')}</td>
                  <td>
                    {/* The stored name stays one hover away: it is what the CSV and the API filter speak. */}
                    <span className="audit-action" data-action={entry.action} title={entry.action}>
                      {auditActionLabel(entry.action, t)}
                    </span>
                  </td>
                  <td>{[entry.target.type && auditSubjectLabel(entry.target.type, t), entry.target.label ?? entry.target.id].filter(Boolean).join(': ')}</td>
                  <td>
                    <AuditDetails value={entry.before} format={format} />
                  </td>
                  <td>
                    <AuditDetails value={entry.after} format={format} />
                  </td>
                  <td title={entry.userAgent ?? ''}>{entry.address ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" onClick={() => void load(applied, next)}>
          {t('audit.more')}
        </button>
      )}
    </SupervisorPage>
  );
}

/** A before or after value as field/value lines. */
function AuditDetails({ value, format }: { value: unknown; format: AuditDetailFormat }) {
  const lines = auditDetails(value, format);
  if (lines.length === 0) return null;
  if (lines.length === 1 && !lines[0].field) return <span>{lines[0].value}</span>;
  return (
    <dl className="audit-details">
      {lines.map((line, index) => (
        <div key={index}>
          <dt>{line.field}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}
