import { useCallback, useEffect, useState } from 'react';
import { CUSTOMER_TIERS, PRIORITIES, SLA_TARGET_MINUTES } from '@firsthand/domain';
import type { CalendarList, CalendarView, SlaPolicyList, SlaPolicyView, SlaPreview, TeamList, TeamView } from '@firsthand/http-contracts';
import { ApiProblem } from '../../shared/api/http.js';
import { formatDateTime } from '../../shared/i18n/format.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useCurrentT, useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import { useAgentApi, type AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { formatMinutes, parseMinutes, problemsByField } from './calendar-form.js';
import { calendarProblemText, type FieldProblemLike } from './calendar-problems.js';
import { SupervisorPage } from './SupervisorNav.js';
import './calendars.css';

const TARGETS = ['firstResponseMinutes', 'updateCadenceMinutes', 'resolutionMinutes'] as const;
type Target = (typeof TARGETS)[number];
const TARGET_KEYS: Record<Target, MessageKey> = { firstResponseMinutes: 'sla.first_response', updateCadenceMinutes: 'sla.updateCadence', resolutionMinutes: 'sla.resolution' };

/** `/supervisor/sla-policies`: the priority x tier grid, each cell saved on its own, with when a ticket opened now would be due. */
export function SlaPoliciesPage() {
  const { t } = useI18n();
  const api = useAgentApi();
  const [policies, setPolicies] = useState<SlaPolicyView[] | null>(null);
  const [calendars, setCalendars] = useState<CalendarView[]>([]);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.get<SlaPolicyList>('/api/sla-policies'), api.get<CalendarList>('/api/calendars'), api.get<TeamList>('/api/teams')])
      .then(([list, calendarList, teamList]) => {
        setPolicies(list.items);
        setCalendars(calendarList.items);
        setTeams(teamList.items);
        setTeamId((current) => current || (teamList.items.find((team) => team.isDefault) ?? teamList.items[0])?.id || '');
      })
      .catch((e: unknown) => setError(problemText(e, t)));
  }, [api]);

  const find = (priority: string, tier: string) => policies?.find((p) => p.priority === priority && p.tier === tier);
  return (
    <SupervisorPage current="/supervisor/sla-policies" title={t('sla.title')} intro={t('sla.intro')} error={error}>
      {!policies ? (
        !error && <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <Field label={t('sla.previewTeam')} hint={t('sla.previewTeamHint')}>
            {(props) => (
              <select {...props} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('sla.noTeam')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="table-wrap">
            <table className="sla-grid" data-testid="sla-grid">
              <thead>
                <tr>
                  <th scope="col">{t('sla.priority')}</th>
                  {CUSTOMER_TIERS.map((tier) => (
                    <th scope="col" key={tier}>
                      {t(`tier.${tier}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.map((priority) => (
                  <tr key={priority}>
                    <th scope="row">{t(`priority.${priority}`)}</th>
                    {CUSTOMER_TIERS.map((tier) => {
                      const policy = find(priority, tier);
                      return (
                        <td key={tier}>
                          {policy && (
                            <PolicyCell
                              api={api}
                              policy={policy}
                              calendars={calendars}
                              teamId={teamId}
                              onSaved={(saved) => setPolicies((list) => list?.map((p) => (p.priority === saved.priority && p.tier === saved.tier ? saved : p)) ?? null)}
                            />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </SupervisorPage>
  );
}

function PolicyCell({ api, policy, calendars, teamId, onSaved }: { api: AgentApi; policy: SlaPolicyView; calendars: CalendarView[]; teamId: string; onSaved(saved: SlaPolicyView): void }) {
  const { t, locale } = useI18n();
  const tNow = useCurrentT();
  const cellName = t('sla.cell', { priority: t(`priority.${policy.priority}` as MessageKey), tier: t(`tier.${policy.tier}` as MessageKey) });
  const [values, setValues] = useState<Record<Target, string>>(() => ({
    firstResponseMinutes: formatMinutes(policy.firstResponseMinutes, t),
    updateCadenceMinutes: formatMinutes(policy.updateCadenceMinutes, t),
    resolutionMinutes: formatMinutes(policy.resolutionMinutes, t),
  }));
  const [calendarId, setCalendarId] = useState(policy.calendarId ?? '');
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<'saved' | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<SlaPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  const loadPreview = useCallback(async () => {
    const query = new URLSearchParams({ priority: policy.priority, tier: policy.tier });
    if (teamId) query.set('teamId', teamId);
    try {
      setPreview(await api.get<SlaPreview>(`/api/sla-policies/preview?${query.toString()}`));
      setPreviewError(null);
    } catch (e) {
      setPreviewError(problemText(e, tNow));
    }
  }, [api, policy.priority, policy.tier, teamId, tNow]);
  useEffect(() => {
    void loadPreview();
  }, [loadPreview, policy.updatedAt]);

  const save = async () => {
    setStatus(null);
    const local = new Map<string, string>();
    const body: Record<string, unknown> = { calendarId: calendarId || null };
    for (const target of TARGETS) {
      const minutes = parseMinutes(values[target]);
      if (minutes === null) local.set(target, t('sla.notMinutes'));
      else if (minutes < SLA_TARGET_MINUTES.min || minutes > SLA_TARGET_MINUTES.max) local.set(target, t('sla.outOfRange'));
      else body[target] = minutes;
    }
    // The API's own rule, said before asking: the first answer cannot be due after the resolution.
    const [first, resolution] = [body.firstResponseMinutes, body.resolutionMinutes];
    if (typeof first === 'number' && typeof resolution === 'number' && first > resolution) local.set('firstResponseMinutes', t('sla.firstAfterResolution'));
    setProblems(local);
    if (local.size) return;
    setBusy(true);
    try {
      const saved = await api.put<SlaPolicyView>(`/api/sla-policies/${policy.priority}/${policy.tier}`, body);
      setStatus('saved');
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 400) {
        // The API names its own fields in English: a target's refusal is said here in the page's words.
        const said = (p: FieldProblemLike) =>
          p.messages.some((m) => /must not exceed/.test(m)) ? t('sla.firstAfterResolution') : (TARGETS as readonly string[]).includes(p.field) ? t('sla.outOfRange') : calendarProblemText(p, t);
        const byField = problemsByField(e.body, said);
        setProblems(byField.size ? byField : new Map([['', problemText(e, t)]]));
      } else setProblems(new Map([['', problemText(e, t)]]));
    } finally {
      setBusy(false);
    }
  };

  const zoned = (at: string, zone: string) => formatDateTime(at, locale, zone);
  return (
    <form
      className="sla-cell"
      aria-label={cellName}
      data-testid={`sla-${policy.priority}-${policy.tier}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {TARGETS.map((target) => (
        <Field key={target} label={t(TARGET_KEYS[target])} error={problems.get(target) ?? null}>
          {(props) => <input {...props} aria-label={`${t(TARGET_KEYS[target])}, ${cellName}`} value={values[target]} onChange={(e) => setValues((v) => ({ ...v, [target]: e.target.value }))} />}
        </Field>
      ))}
      <Field label={t('sla.calendar')} error={problems.get('calendarId') ?? null}>
        {(props) => (
          <select {...props} aria-label={`${t('sla.calendar')}, ${cellName}`} value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
            <option value="">{t('sla.teamCalendar')}</option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {problems.get('') && <p className="field-error">{problems.get('')}</p>}
      <div className="row">
        <button type="submit" disabled={busy} aria-label={t('sla.saveCell', { cell: cellName })}>
          {t('sla.save')}
        </button>
        {status === 'saved' && <span role="status">{t('sla.saved')}</span>}
      </div>
      <div className="sla-preview" data-testid="sla-preview" aria-live="polite">
        {previewError && <span className="field-error">{previewError}</span>}
        {preview && (
          <>
            <p>{t('sla.previewLead', { calendar: preview.calendar.name, zone: preview.calendar.zone, source: t(`sla.source.${preview.calendar.source}`) })}</p>
            <ul className="plain-list">
              <li>
                {t('sla.first_response')}
                {t('app.colon')}
                <time dateTime={preview.firstResponseDue.at}>{zoned(preview.firstResponseDue.at, preview.calendar.zone)}</time>
              </li>
              <li>
                {t('sla.resolution')}
                {t('app.colon')}
                <time dateTime={preview.resolutionDue.at}>{zoned(preview.resolutionDue.at, preview.calendar.zone)}</time>
              </li>
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
