import { useMemo, useRef, useState } from 'react';
import { LiveNamespace, type SupervisorServerEvents } from '@firsthand/realtime-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useAgentApi, useSignedInAgent } from '../shared/session/agent-session.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { useLiveSocket } from '../shared/live/use-live-socket.js';
import { useSessionProbe } from '../shared/session/use-session-probe.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { LiveIndicator } from '../shared/ui/LiveIndicator.js';
import { Notice } from '../shared/ui/Notice.js';
import { useFocusReturn } from '../shared/ui/use-focus-return.js';
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
import { RefusedSmsPanel } from './RefusedSmsPanel.js';
import { useLiveMetrics } from './use-live-metrics.js';
import { useSupervisorStream } from './use-supervisor-stream.js';
import { useUnclaimed } from './use-unclaimed.js';
import { ComplaintsPanel } from './ComplaintsPanel.js';
import { useOpenComplaints } from './use-open-complaints.js';
import { useEscalatedTickets } from './use-escalated-tickets.js';
import { useTicketNames, type TicketName } from './use-ticket-names.js';
import { UnticketedMailPanel } from './UnticketedMailPanel.js';
import { BackgroundWorkPanel, UncoveredWorkNotice } from './BackgroundWorkPanel.js';
import { useWorkerRoster } from './use-worker-roster.js';
import { SupervisorNav } from './calendars/SupervisorNav.js';
import { BulkActionsPanel } from './BulkActionsPanel.js';
import { useOpenTickets } from './use-open-tickets.js';
import { AssistFirstContactPanel } from './AssistFirstContactPanel.js';
import { BotSelfServicePanel } from './BotSelfServicePanel.js';
import { SupervisorAccessLost } from './SupervisorAccessLost.js';
import { useSupervisorAccess } from './use-supervisor-access.js';

/** The supervisor's live view: rates now and over time, breakdowns, the bot's figures, breaches, aging, load, failed notifications, mail not ticketed. */
export function SupervisorDashboard() {
  const { t } = useI18n();
  const api = useAgentApi();
  const live = useLiveSocket<SupervisorServerEvents, Record<string, never>>(LiveNamespace.Supervisors, useMemo(() => ({ token: api.token }), [api.token]));
  useSessionProbe(api, live.status);
  const accessLost = useSupervisorAccess(api, live, useSignedInAgent().id);
  const stream = useSupervisorStream(live.socket);
  const [localVersion, setLocalVersion] = useState(0);
  const liveVersion = stream.liveVersion + localVersion;
  const version = stream.reportsVersion + localVersion;
  const metrics = useLiveMetrics(api, liveVersion, stream.pushedMetrics);
  const unclaimed = useUnclaimed(api, version);
  const openTickets = useOpenTickets(api, version);
  const notifications = useFailedNotifications(api, localVersion, stream.failed);
  const colleagues = useColleagues(api);
  const workers = useWorkerRoster(api);
  const [reassigning, setReassigning] = useState<ReassignTarget | null>(null);
  // Focus goes back to the Reassign button that opened the dialog; after a reassignment that moved
  // the ticket out of its list, to the confirmation.
  const reassignFocus = useFocusReturn();
  const reassignedNotice = useRef<HTMLDivElement>(null);
  const startReassign = (target: ReassignTarget) => {
    reassignFocus.opened();
    setReassigning(target);
  };
  // Kept as facts, worded at render: the confirmation follows the language switch.
  const [reassigned, setReassigned] = useState<{ code: string; name: string } | null>(null);
  const complaints = useOpenComplaints(api, version);
  // Read again when the reports are (a resolution, a reassignment, an escalation's event), not on every live change.
  const escalated = useEscalatedTickets(api, version);
  const complaintIds = useMemo(() => new Set(complaints.map((c) => c.id)), [complaints]);
  const known = useMemo(() => {
    const map = new Map<string, TicketName>();
    for (const ticket of [...unclaimed, ...complaints]) map.set(ticket.id, { code: ticket.code, subject: ticket.subject });
    return map;
  }, [unclaimed, complaints]);
  const names = useTicketNames(api, useMemo(() => [...new Set(stream.escalations.map((e) => e.ticketId))], [stream.escalations]), known);

  if (accessLost) return <SupervisorAccessLost lost={accessLost} />;
  return (
    <>
      <AppHeader title={t('sup.title')}>
        <LiveIndicator status={live.status} refusal={live.refusal} />
        <SessionTools />
      </AppHeader>
      <main id="main" className="dashboard">
        <SupervisorNav current="/supervisor" />
        <h1 className="visually-hidden">{t('sup.title')}</h1>
        {metrics.error && <Notice tone="error">{t('app.error', { message: metrics.error })}</Notice>}
        {reassigned && (
          <Notice tone="success" testId="reassigned" ref={reassignedNotice}>
            {t('sup.reassigned', reassigned)}
          </Notice>
        )}
        <UncoveredWorkNotice roster={workers.roster} />
        {metrics.live ? (
          <>
            <RatesNow live={metrics.live} />
            <ComplaintsPanel complaints={complaints} />
            <div className="dashboard-grid">
              <RatesOverTime api={api} today={metrics.live.today.day} version={version} />
              <BreachesPanel live={metrics.live} escalated={escalated} escalations={stream.escalations} names={names} complaintIds={complaintIds} onReassign={startReassign} />
            </div>
            <BreakdownTable api={api} today={metrics.live.today.day} version={version} />
            <div className="dashboard-grid">
              <BotSelfServicePanel api={api} today={metrics.live.today.day} version={version} />
              <AssistFirstContactPanel api={api} today={metrics.live.today.day} version={version} />
            </div>
            <div className="dashboard-grid">
              <AgingPanel live={metrics.live} unclaimed={unclaimed} onReassign={startReassign} />
              <AgentLoadTable live={metrics.live} />
            </div>
            <BulkActionsPanel api={api} tickets={openTickets} colleagues={colleagues} onDone={() => setLocalVersion((v) => v + 1)} />
            <NotificationsPanel notifications={notifications} />
            <RefusedSmsPanel api={api} version={localVersion} />
            <UnticketedMailPanel api={api} />
            <BackgroundWorkPanel roster={workers.roster} error={workers.error} />
          </>
        ) : (
          !metrics.error && <p role="status">{t('app.loading')}</p>
        )}
        {reassigning && (
          <ReassignDialog
            api={api}
            target={reassigning}
            colleagues={colleagues}
            onClose={() => {
              setReassigning(null);
              reassignFocus.back(() => reassignedNotice.current ?? document.getElementById('main'));
            }}
            onDone={(change) => {
              setReassigning(null);
              setReassigned({ code: change.ticket.code, name: change.ticket.owner?.name ?? '' });
              setLocalVersion((v) => v + 1);
              reassignFocus.back(() => reassignedNotice.current);
            }}
          />
        )}
      </main>
    </>
  );
}
