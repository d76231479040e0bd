import { useMemo, useRef, useState } from 'react';
import type { CalendarDayView, CalendarView, WorkingRangeView } from '@firsthand/http-contracts';
import { ApiProblem } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusFirstField } from '../../shared/ui/use-focus-return.js';
import { calendarProblemText } from './calendar-problems.js';
import { COMMON_ZONES, definitionOf, draftOf, emptyDraft, formPaths, problemAt, problemsByField, unplacedProblems, WEEKDAYS, type CalendarDraft } from './calendar-form.js';

const DAY_KEYS: Record<string, MessageKey> = { '1': 'cal.day1', '2': 'cal.day2', '3': 'cal.day3', '4': 'cal.day4', '5': 'cal.day5', '6': 'cal.day6', '7': 'cal.day7' };

function FieldProblem({ text }: { text: string | null }) {
  return text ? <span className="field-error">{text}</span> : null;
}

/** Ranges of one day (or the make-up hours): several a day, added and removed; each range's problem beside it. */
function Ranges({ label, path, ranges, problems, onChange }: { label: string; path: string; ranges: WorkingRangeView[]; problems: Map<string, string>; onChange(next: WorkingRangeView[]): void }) {
  const { t } = useI18n();
  const set = (i: number, part: keyof WorkingRangeView, value: string) => onChange(ranges.map((r, j) => (j === i ? { ...r, [part]: value } : r)));
  return (
    <div className="ranges" role="group" aria-label={label}>
      {ranges.length === 0 && <span className="muted">{t('cal.closed')}</span>}
      {ranges.map((range, i) => (
        <div className="range" key={i}>
          <input aria-label={t('cal.rangeStart', { what: label, n: i + 1 })} value={range.start} size={5} placeholder="09:00" onChange={(e) => set(i, 'start', e.target.value)} aria-invalid={problemAt(problems, `${path}[${i}]`) ? true : undefined} />
          <span aria-hidden="true">–</span>
          <input aria-label={t('cal.rangeEnd', { what: label, n: i + 1 })} value={range.end} size={5} placeholder="18:00" onChange={(e) => set(i, 'end', e.target.value)} aria-invalid={problemAt(problems, `${path}[${i}]`) ? true : undefined} />
          <button type="button" className="link" onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
            {t('cal.removeRange', { what: label, n: i + 1 })}
          </button>
          <FieldProblem text={problemAt(problems, `${path}[${i}]`)} />
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange([...ranges, { start: '09:00', end: '18:00' }])}>
        {t('cal.addRange', { what: label })}
      </button>
      <FieldProblem text={problems.get(path) ?? null} />
    </div>
  );
}

/** Holidays or extra working days: date and name per row. */
function Days({ title, path, days, problems, onChange }: { title: string; path: 'holidays' | 'extraWorkingDays'; days: CalendarDayView[]; problems: Map<string, string>; onChange(next: CalendarDayView[]): void }) {
  const { t } = useI18n();
  const set = (i: number, part: 'date' | 'name', value: string) => onChange(days.map((d, j) => (j === i ? { ...d, [part]: value } : d)));
  return (
    <fieldset className="days" data-testid={`days-${path}`}>
      <legend>{title}</legend>
      {days.map((day, i) => (
        <div className="range" key={i}>
          <input type="date" aria-label={t('cal.dayDate', { what: title, n: i + 1 })} value={day.date} onChange={(e) => set(i, 'date', e.target.value)} aria-invalid={problemAt(problems, `${path}[${i}]`) ? true : undefined} />
          <input aria-label={t('cal.dayName', { what: title, n: i + 1 })} value={day.name} onChange={(e) => set(i, 'name', e.target.value)} />
          <button type="button" className="link" onClick={() => onChange(days.filter((_, j) => j !== i))}>
            {t('cal.removeDay', { what: title, n: i + 1 })}
          </button>
          <FieldProblem text={problemAt(problems, `${path}[${i}]`)} />
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange([...days, { date: '', name: '' }])}>
        {t('cal.addDay', { what: title })}
      </button>
      <FieldProblem text={problems.get(path) ?? null} />
    </fieldset>
  );
}

/** Create (calendar null) or edit a calendar; the server's 400 problems go next to the inputs they name. */
export function CalendarEditor({ api, calendar, onSaved, onCancel }: { api: AgentApi; calendar: CalendarView | null; onSaved(saved: CalendarView): void; onCancel(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CalendarDraft>(() => (calendar ? draftOf(calendar) : emptyDraft()));
  // The refusal as the API sent it, worded at each render: switching the page's language rewords it.
  const [refusal, setRefusal] = useState<Record<string, unknown>>({});
  const problems = useMemo(() => problemsByField(refusal, (p) => calendarProblemText(p, t)), [refusal, t]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstField(form);
  const update = (patch: Partial<CalendarDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const dayName = (day: string) => t(DAY_KEYS[day]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = definitionOf(draft);
      const saved = calendar ? await api.put<CalendarView>(`/api/calendars/${calendar.id}`, body) : await api.post<CalendarView>('/api/calendars', body);
      setRefusal({});
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 400) {
        setRefusal(e.body);
        setError(t('cal.fixProblems'));
      } else setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const unplaced = unplacedProblems(problems, formPaths(draft));
  return (
    <form
      ref={form}
      className="card calendar-editor"
      data-testid="calendar-editor"
      aria-label={calendar ? t('cal.editTitle', { name: calendar.name }) : t('cal.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{calendar ? t('cal.editTitle', { name: calendar.name }) : t('cal.newTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {unplaced.length > 0 && (
        <ul className="field-error">
          {unplaced.map(([field, text]) => (
            <li key={field}>{text}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <Field label={t('cal.name')} error={problemAt(problems, 'name')}>
          {(props) => <input {...props} value={draft.name} maxLength={100} onChange={(e) => update({ name: e.target.value })} />}
        </Field>
        <Field label={t('cal.zone')} hint={t('cal.zoneHint')} error={problemAt(problems, 'zone')}>
          {(props) => <input {...props} list="calendar-zones" value={draft.zone} onChange={(e) => update({ zone: e.target.value })} />}
        </Field>
        <datalist id="calendar-zones">
          {COMMON_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      <label className="switch">
        <input type="checkbox" checked={draft.alwaysOpen} onChange={(e) => update({ alwaysOpen: e.target.checked })} /> {t('cal.alwaysOpen')}
      </label>
      <FieldProblem text={problemAt(problems, 'alwaysOpen')} />
      {!draft.alwaysOpen && (
        <>
          <fieldset>
            <legend>{t('cal.week')}</legend>
            <FieldProblem text={problems.get('week') ?? null} />
            {WEEKDAYS.map((day) => (
              <div className="weekday" key={day}>
                <span className="weekday-name">{dayName(day)}</span>
                <Ranges label={dayName(day)} path={`week.${day}`} ranges={draft.week[day] ?? []} problems={problems} onChange={(next) => update({ week: { ...draft.week, [day]: next } })} />
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('cal.makeUp')}</legend>
            <label className="switch">
              <input type="checkbox" checked={draft.makeUpOn} onChange={(e) => update({ makeUpOn: e.target.checked, makeUpHours: e.target.checked && draft.makeUpHours.length === 0 ? [{ start: '09:00', end: '18:00' }] : draft.makeUpHours })} />{' '}
              {t('cal.makeUpOwn')}
            </label>
            <p className="hint muted">{t('cal.makeUpHint')}</p>
            {draft.makeUpOn && <Ranges label={t('cal.makeUp')} path="makeUpHours" ranges={draft.makeUpHours} problems={problems} onChange={(next) => update({ makeUpHours: next })} />}
            <FieldProblem text={problems.get('makeUpHours') ?? null} />
          </fieldset>
        </>
      )}
      <Days title={t('cal.holidays')} path="holidays" days={draft.holidays} problems={problems} onChange={(next) => update({ holidays: next })} />
      <Days title={t('cal.extraDays')} path="extraWorkingDays" days={draft.extraWorkingDays} problems={problems} onChange={(next) => update({ extraWorkingDays: next })} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('cal.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
