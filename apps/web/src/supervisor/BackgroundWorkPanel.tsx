import type { WorkerRosterView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import type { Translate } from '../shared/i18n/locale.js';
import type { MessageKey } from '../shared/i18n/messages-en.js';
import { Notice } from '../shared/ui/Notice.js';

const ROLES = new Set(['relays', 'events', 'timers', 'deliveries', 'mail', 'maintenance']);
const roleKey = (role: string) => `sup.workers.role.${role}` as MessageKey;
// A role this bundle does not know yet (the worker was deployed first) keeps the name WORKER_ROLES gives it.
const roleName = (role: string, t: Translate) => (ROLES.has(role) ? t(`sup.workers.roleName.${role}` as MessageKey) : role);

/** What no worker process runs now, said at the top of the dashboard: SLA escalations that never fire are otherwise silent. */
export function UncoveredWorkNotice({ roster }: { roster: WorkerRosterView | null }) {
  const { t } = useI18n();
  if (!roster || roster.uncoveredRoles.length === 0) return null;
  return (
    <Notice tone="warning" testId="uncovered-work">
      <p>{t('sup.workers.uncovered')}</p>
      <ul>
        {roster.uncoveredRoles.map((role) => (
          <li key={role} data-role={role}>
            {t(roleKey(role))}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** "Background work": the living worker processes, what each runs, and when each last checked in. */
export function BackgroundWorkPanel({ roster, error }: { roster: WorkerRosterView | null; error: string | null }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="background-work-title" data-testid="background-work">
      <h2 id="background-work-title">{t('sup.workers')}</h2>
      {error && <Notice tone="error">{t('app.error', { message: error })}</Notice>}
      {!roster && !error && <p role="status">{t('app.loading')}</p>}
      {roster && roster.processes.length === 0 && <p className="muted">{t('sup.workers.none')}</p>}
      {roster && roster.uncoveredRoles.length === 0 && <p className="muted">{t('sup.workers.allRunning', { count: roster.processes.length })}</p>}
      {roster && roster.processes.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sup.col.process')}</th>
                <th scope="col">{t('sup.col.roles')}</th>
                <th scope="col">{t('sup.col.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.processes.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.hostname} · {p.pid}
                  </th>
                  <td>{p.roles.map((role) => roleName(role, t)).join(t('problem.listSeparator'))}</td>
                  <td>{dateTime(p.seenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
