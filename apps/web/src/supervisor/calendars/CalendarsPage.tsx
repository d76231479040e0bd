import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalendarImportResult, CalendarList, CalendarSettingsView, CalendarView, TeamList, TeamView } from '@firsthand/http-contracts';
import { ApiProblem } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useCurrentT, useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi, type AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusFirstField, useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { CalendarEditor } from './CalendarEditor.js';
import { calendarRefusalText, fieldProblems } from './calendar-problems.js';
import { SupervisorPage } from './SupervisorNav.js';
import './calendars.css';


/** `/supervisor/calendars`: business calendars, their .ics import, each team's calendar, the default and the complaint cap. */
export function CalendarsPage() {
  const { t } = useI18n();
  const tNow = useCurrentT();
  const api = useAgentApi();
  const [calendars, setCalendars] = useState<CalendarView[] | null>(null);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [settings, setSettings] = useState<CalendarSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // null: no form; 'new': creating; an id: editing that calendar.
  const [editing, setEditing] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  // Closing the editor or the import panel returns focus to the button that opened it; a save or a delete moves it to the notice.
  const pageFocus = useFocusReturn();
  const importFocus = useFocusReturn();
  const noticeRef = useRef<HTMLDivElement>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(async () => {
    try {
      const [list, teamList, current] = await Promise.all([api.get<CalendarList>('/api/calendars'), api.get<TeamList>('/api/teams'), api.get<CalendarSettingsView>('/api/calendar-settings')]);
      setCalendars(list.items);
      setTeams(teamList.items);
      setSettings(current);
    } catch (e) {
      setError(problemText(e, tNow));
    }
  }, [api, tNow]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const remove = async (calendar: CalendarView) => {
    if (!window.confirm(t('cal.deleteConfirm', { name: calendar.name }))) return;
    setError(null);
    setNotice(null);
    try {
      await api.delete(`/api/calendars/${calendar.id}`);
      setNotice(t('cal.deleted', { name: calendar.name }));
      pageFocus.moveTo(() => noticeRef.current);
      await reload();
    } catch (e) {
      setError(e instanceof ApiProblem && e.status === 409 ? t('cal.deleteInUse', { name: calendar.name, reason: problemText(e, t) }) : problemText(e, t));
    }
  };

  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
  const editingCalendar = editing && editing !== 'new' ? (calendars?.find((c) => c.id === editing) ?? null) : null;

  return (
    <SupervisorPage current="/supervisor/calendars" title={t('cal.title')} intro={t('cal.intro')} error={error}>
      {notice && (
        <Notice tone="success" ref={noticeRef}>
          {notice}
        </Notice>
      )}
      {!calendars ? (
        !error && <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="calendar-list-title">
            <div className="row spread">
              <h2 id="calendar-list-title" ref={listTitle}>
                {t('cal.list')}
              </h2>
              <button type="button" className="primary" onClick={(e) => (pageFocus.opened(e.currentTarget), setEditing('new'))}>
                {t('cal.new')}
              </button>
            </div>
            <div className="table-wrap">
              <table data-testid="calendar-list">
                <thead>
                  <tr>
                    <th scope="col">{t('cal.name')}</th>
                    <th scope="col">{t('cal.zone')}</th>
                    <th scope="col">{t('cal.hours')}</th>
                    <th scope="col">{t('cal.usedBy')}</th>
                    <th scope="col">{t('cal.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {calendars.map((calendar) => (
                    <tr key={calendar.id}>
                      <th scope="row">
                        {calendar.name} {calendar.isDefault && <span className="badge badge-neutral">{t('cal.default')}</span>}
                      </th>
                      <td>{calendar.zone}</td>
                      <td>{calendar.alwaysOpen ? t('cal.alwaysOpenShort') : t('cal.daysCount', { holidays: calendar.holidays.length, extra: calendar.extraWorkingDays.length })}</td>
                      <td>
                        {[...calendar.teamIds.map(teamName), ...calendar.policies.map((p) => t('cal.policyName', { priority: t(`priority.${p.priority}` as never), tier: t(`tier.${p.tier}` as never) }))].join(', ') || <span className="muted">{t('cal.unused')}</span>}
                      </td>
                      <td>
                        <div className="row">
                          <button type="button" onClick={(e) => (pageFocus.opened(e.currentTarget), setEditing(calendar.id))}>
                            {t('cal.edit', { name: calendar.name })}
                          </button>
                          <button type="button" onClick={(e) => (importFocus.opened(e.currentTarget), setImporting(calendar.id))}>
                            {t('cal.importFor', { name: calendar.name })}
                          </button>
                          <button type="button" className="danger" onClick={() => void remove(calendar)}>
                            {t('cal.delete', { name: calendar.name })}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {editing && (
            <CalendarEditor
              key={editing}
              api={api}
              calendar={editingCalendar}
              onCancel={() => {
                setEditing(null);
                pageFocus.back(() => listTitle.current);
              }}
              onSaved={(saved) => {
                setEditing(null);
                setNotice(t('cal.saved', { name: saved.name }));
                pageFocus.moveTo(() => noticeRef.current);
                void reload();
              }}
            />
          )}
          {importing && calendars.some((c) => c.id === importing) && (
            <ImportPanel key={importing} api={api} calendar={calendars.find((c) => c.id === importing)!} onImported={() => void reload()} onClose={() => (setImporting(null), importFocus.back(() => listTitle.current))} />
          )}
          {settings && <TeamCalendars api={api} calendars={calendars} teams={teams} settings={settings} onChanged={() => void reload()} />}
        </>
      )}
    </SupervisorPage>
  );
}

/** Reads the chosen .ics in the browser and posts it as JSON (the API takes only JSON); shows what came in and what was skipped. */
function ImportPanel({ api, calendar, onImported, onClose }: { api: AgentApi; calendar: CalendarView; onImported(): void; onClose(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CalendarImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useFocusFirstField(panel);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const ics = await file.text();
      setResult(await api.post<CalendarImportResult>(`/api/calendars/${calendar.id}/import`, { ics, mode }));
      onImported();
    } catch (e) {
      // A file the parser could not read is said in the page's language; the parser's own words are English.
      const unreadable = e instanceof ApiProblem && fieldProblems(e.body).some((p) => p.field === 'ics');
      const refused = unreadable ? t('cal.icsUnreadable') : calendarRefusalText(e, t);
      setError(refused ? t('cal.importRefused', { reason: refused }) : problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={panel} className="card" data-testid="calendar-import" aria-labelledby="calendar-import-title">
      <h2 id="calendar-import-title">{t('cal.importTitle', { name: calendar.name })}</h2>
      <p className="muted">{t('cal.importHint')}</p>
      <Field label={t('cal.importFile')}>{(props) => <input {...props} type="file" accept=".ics,text/calendar" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}</Field>
      <fieldset>
        <legend>{t('cal.importMode')}</legend>
        <label className="choice">
          <input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('cal.importMerge')}
        </label>
        <label className="choice">
          <input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('cal.importReplace')}
        </label>
      </fieldset>
      <div className="row">
        <button type="button" className="primary" disabled={!file || busy} onClick={() => void run()}>
          {t('cal.importRun')}
        </button>
        <button type="button" onClick={onClose}>
          {t('cal.close')}
        </button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {result && (
        <div data-testid="import-result">
          <Notice tone="success">{t('cal.imported', { holidays: result.imported.holidays, extra: result.imported.extraWorkingDays })}</Notice>
          {result.skipped.length > 0 && (
            <>
              <h3>{t('cal.skipped', { count: result.skipped.length })}</h3>
              <ul>
                {result.skipped.map((s, i) => (
                  <li key={i}>
                    <strong>{s.summary || t('cal.noSummary')}</strong>: {s.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** Each team's calendar ("default" follows the default calendar), the default calendar and the complaint cap. */
function TeamCalendars({ api, calendars, teams, settings, onChanged }: { api: AgentApi; calendars: CalendarView[]; teams: TeamView[]; settings: CalendarSettingsView; onChanged(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const calendarOf = (teamId: string) => calendars.find((c) => c.teamIds.includes(teamId))?.id ?? '';

  const act = async (call: () => Promise<unknown>, done: string) => {
    setError(null);
    setSaved(null);
    try {
      await call();
      setSaved(done);
      onChanged();
    } catch (e) {
      setError(calendarRefusalText(e, t) ?? problemText(e, t));
    }
  };

  return (
    <section className="card" aria-labelledby="team-calendars-title" data-testid="team-calendars">
      <h2 id="team-calendars-title">{t('cal.teamsTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {saved && <Notice tone="success">{saved}</Notice>}
      <div className="row">
        <Field label={t('cal.defaultCalendar')}>
          {(props) => (
            <select {...props} value={settings.defaultCalendarId} onChange={(e) => void act(() => api.put('/api/calendar-settings', { defaultCalendarId: e.target.value, complaintCap: settings.complaintCap }), t('cal.settingsSaved'))}>
              {calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('cal.complaintCap')} hint={t('cal.complaintCapHint')}>
          {(props) => (
            <select {...props} value={settings.complaintCap} onChange={(e) => void act(() => api.put('/api/calendar-settings', { defaultCalendarId: settings.defaultCalendarId, complaintCap: e.target.value }), t('cal.settingsSaved'))}>
              <option value="always_open">{t('cal.capAlwaysOpen')}</option>
              <option value="ticket_calendar">{t('cal.capTicketCalendar')}</option>
            </select>
          )}
        </Field>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('cal.team')}</th>
            <th scope="col">{t('cal.calendar')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <th scope="row">{team.name}</th>
              <td>
                <select aria-label={t('cal.teamCalendar', { team: team.name })} value={calendarOf(team.id)} onChange={(e) => void act(() => api.put(`/api/teams/${team.id}/calendar`, { calendarId: e.target.value || null }), t('cal.teamSaved', { team: team.name }))}>
                  <option value="">{t('cal.followDefault')}</option>
                  {calendars.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
