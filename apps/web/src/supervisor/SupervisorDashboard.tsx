import { useMemo, useState } from 'react';
import { LiveNamespace, type SupervisorServerEvents } from '@firsthand/realtime-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useAgentApi } from '../shared/session/agent-session.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { useLiveSocket } from '../shared/live/use-live-socket.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { LiveIndicator } from '../shared/ui/LiveIndicator.js';
import { Notice } from '../shared/ui/Notice.js';
import { useColleagues } from '../shared/api/use-colleagues.js';
import { AgentLoadTable } from './AgentLoadTable.js';
import { AgingPanel } from './AgingPanel.js';
import { BreachesPanel } from './BreachesPanel.js';
import { BreakdownTable } from './BreakdownTable.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import { RatesNow } from './RatesNow.js';
import { RatesOverTime } from './RatesOverTime.js';
import { ReassignDialog, type ReassignTarget } from './ReassignDialog.js';
import { useFailedNotifications } from './use-failed-notifications.js';
import { useLiveMetrics } from './use-live-metrics.js';
import { useSupervisorStream } from './use-supervisor-stream.js';
import { useUnclaimed } from './use-unclaimed.js';
import { UnticketedMailPanel } from './UnticketedMailPanel.js';
import { BulkActionsPanel } from './BulkActionsPanel.js';
import { useOpenTickets } from './use-open-tickets.js';

/** The supervisor's live view: rates now and over time, breakdowns, breaches, aging, load, failed notifications, mail not ticketed. */
export function SupervisorDashboard() {
  const { t } = useI18n();
  const api = useAgentApi();
  const live = useLiveSocket<SupervisorServerEvents, Record<string, never>>(LiveNamespace.Supervisors, useMemo(() => ({ token: api.token }), [api.token]));
  const stream = useSupervisorStream(live.socket);
  const [localVersion, setLocalVersion] = useState(0);
  const liveVersion = stream.liveVersion + localVersion;
  const version = stream.reportsVersion + localVersion;
  const metrics = useLiveMetrics(api, liveVersion, stream.pushedMetrics);
  const unclaimed = useUnclaimed(api, version);
  const openTickets = useOpenTickets(api, version);
  const notifications = useFailedNotifications(api, localVersion, stream.failed);
  const colleagues = useColleagues(api);
  const [reassigning, setReassigning] = useState<ReassignTarget | null>(null);
  const [reassigned, setReassigned] = useState<string | null>(null);

  return (
    <>
      <AppHeader title={t('sup.title')}>
        <LiveIndicator status={live.status} refusal={live.refusal} />
        <SessionTools />
      </AppHeader>
      <main id="main" className="dashboard">
        <h1 className="visually-hidden">{t('sup.title')}</h1>
        {metrics.error && <Notice tone="error">{t('app.error', { message: metrics.error })}</Notice>}
        {reassigned && <Notice tone="success">{reassigned}</Notice>}
        {metrics.live ? (
          <>
            <RatesNow live={metrics.live} />
            <div className="dashboard-grid">
              <RatesOverTime api={api} today={metrics.live.today.day} version={version} />
              <BreachesPanel live={metrics.live} escalations={stream.escalations} onReassign={setReassigning} />
            </div>
            <BreakdownTable api={api} today={metrics.live.today.day} version={version} />
            <div className="dashboard-grid">
              <AgingPanel live={metrics.live} unclaimed={unclaimed} onReassign={setReassigning} />
              <AgentLoadTable live={metrics.live} />
            </div>
            <BulkActionsPanel api={api} tickets={openTickets} colleagues={colleagues} onDone={() => setLocalVersion((v) => v + 1)} />
            <NotificationsPanel notifications={notifications} />
            <UnticketedMailPanel api={api} />
          </>
        ) : (
          !metrics.error && <p role="status">{t('app.loading')}</p>
        )}
        {reassigning && (
          <ReassignDialog
            api={api}
            target={reassigning}
            colleagues={colleagues}
            onClose={() => setReassigning(null)}
            onDone={(change) => {
              setReassigning(null);
              setReassigned(t('sup.reassigned', { code: change.ticket.code, name: change.ticket.owner?.name ?? '' }));
              setLocalVersion((v) => v + 1);
            }}
          />
        )}
      </main>
    </>
  );
}
