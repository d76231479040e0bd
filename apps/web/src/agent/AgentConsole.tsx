import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LiveNamespace, type AgentClientEvents, type AgentServerEvents, type QueueChange } from '@firsthand/realtime-contracts';
import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { usePath } from '../shared/router/use-path.js';
import { useAgentApi, useSignedInAgent } from '../shared/session/agent-session.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { useSessionProbe } from '../shared/session/use-session-probe.js';
import { onEveryConnect, useLiveSocket } from '../shared/live/use-live-socket.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { LiveIndicator } from '../shared/ui/LiveIndicator.js';
import { Notice } from '../shared/ui/Notice.js';
import { useFocusReturn } from '../shared/ui/use-focus-return.js';
import { SearchPanel } from './search/SearchPanel.js';
import { TicketListsPanel } from './TicketListsPanel.js';
import { TicketPage } from './TicketPage.js';
import { ticketIdFromPath, ticketPath } from './ticket-route.js';
import { bringsOwnWayBack, CANNED_REPLIES_PATH, consolePageOf } from './console-page.js';
import { useClaim } from './use-claim.js';
import { useColleagues } from '../shared/api/use-colleagues.js';
import { useTeamQueue } from './use-team-queue.js';
import { useTicketQuery } from './use-ticket-query.js';
import { useAgentNotices, useOpenNotices } from './use-agent-notices.js';
import { noticeText } from './notice-text.js';
import { CustomerPage } from './customers/CustomerPage.js';
import { customerIdFromPath } from './customers/customer-route.js';
import { CannedRepliesPage } from './canned-replies/CannedRepliesPage.js';
import { CannedRepliesLink } from './canned-replies/CannedRepliesLink.js';
import { MacroManager } from './macros/MacroManager.js';
import { useMacros } from './macros/use-macros.js';
import { typingIn } from '../shared/ui/use-focus-return.js';

// Handoff proposals arrive as pushed notices; this catches any the worker could not push.
const HANDOFF_POLL_MS = 30_000;

/** The agent's workspace: the lists on the left, the open ticket on the right, one live socket. */
export function AgentConsole() {
  const { t, dateTime } = useI18n();
  const api = useAgentApi();
  const me = useSignedInAgent();
  const live = useLiveSocket<AgentServerEvents, AgentClientEvents>(LiveNamespace.Agents, useMemo(() => ({ token: api.token }), [api.token]));
  const socket = live.socket;
  useSessionProbe(api, live.status);
  const queue = useTeamQueue(api, socket, me.id);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const mine = useTicketQuery(api, 'owner=me&status=new,open,pending_customer&order=due&limit=100', version);
  const handoffs = useTicketQuery(api, 'handoffTo=me&limit=100', version);
  const colleagues = useColleagues(api);
  const claims = useClaim(api);
  const [path, navigate] = usePath();
  const openId = ticketIdFromPath(path);
  const customerId = customerIdFromPath(path);
  const page = consolePageOf(path);
  const column = useRef<HTMLDivElement>(null);
  const lists = useRef<HTMLDivElement>(null);
  const [replyFocus, setReplyFocus] = useState<string | null>(null);

  const { notices: pushed, dismiss } = useAgentNotices(socket, bump);
  const notices = useOpenNotices(pushed, handoffs.tickets);

  const mineIds = useRef(new Set<string>());
  mineIds.current = new Set(mine.tickets.map((x) => x.id));

  useEffect(() => {
    if (!socket) return;
    const onChange = (change: QueueChange) => {
      if (change.ownerId === me.id || mineIds.current.has(change.ticketId)) bump();
    };
    // A supervisor changed this agent's role or team: what the console shows (queue, views, tools)
    // was chosen for the old one, so it starts again with the new.
    const onAccessChanged = () => window.location.reload();
    socket.on('queue.changed', onChange);
    socket.on('access.changed', onAccessChanged);
    const stop = onEveryConnect(socket, bump);
    return () => {
      socket.off('queue.changed', onChange);
      socket.off('access.changed', onAccessChanged);
      stop();
    };
  }, [socket, me.id, bump]);

  // On a narrow screen a page opened from the lists takes their place (agent.css): it starts in view,
  // not below where the lists were scrolled; back at the lists, focus returns to the ticket's row.
  const pathBefore = useRef(path);
  useLayoutEffect(() => {
    const before = pathBefore.current;
    pathBefore.current = path;
    if (before === path) return;
    if (page) bringIntoView(column.current);
    else returnToLists(lists.current, ticketIdFromPath(before));
  }, [path, page]);

  useEffect(() => {
    const timer = window.setInterval(bump, HANDOFF_POLL_MS);
    return () => window.clearInterval(timer);
  }, [bump]);

  const open = useCallback(
    (ticket: TicketView, options: { reply?: boolean } = {}) => {
      setReplyFocus(options.reply ? ticket.id : null);
      navigate(ticketPath(ticket.id));
    },
    [navigate],
  );

  // A claim from the queue (its button, or `c`) takes the focused row away: focus goes on to the
  // claimed ticket's reply box, or to the notice saying who has it or why not.
  const claimFocus = useFocusReturn();
  const claimOutcome = useRef<HTMLDivElement>(null);
  const claim = useCallback(
    async (ticket: TicketView) => {
      const outcome = await claims.claim(ticket);
      queue.remove(ticket.id);
      if (outcome.won) {
        bump();
        setReplyFocus(ticket.id);
        navigate(ticketPath(ticket.id));
      } else {
        claimFocus.moveTo(() => claimOutcome.current);
      }
    },
    [claims, queue, bump, navigate, claimFocus],
  );

  return (
    <>
      <AppHeader title={t('agent.title')}>
        <LiveIndicator status={live.status} refusal={live.refusal} />
        <SessionTools />
      </AppHeader>
      <main id="main" className="agent-layout" data-page={page ?? undefined}>
        <div className="agent-side">
          <div aria-live="polite" className="announcements" data-testid="announcements">
            {queue.taken && <p key={queue.taken.at}>{t('agent.takenBy', { code: queue.taken.code, name: queue.taken.ownerName })}</p>}
            {queue.arrived && <p className="visually-hidden">{t('agent.newTicket', { code: queue.arrived })}</p>}
          </div>
          {claims.lost && (
            <Notice tone="warning" testId="claim-lost" ref={claimOutcome}>
              {t('agent.claimLost', { name: claims.lost.ownerName, code: claims.lost.code })}
            </Notice>
          )}
          {claims.failure && (
            <Notice tone="error" ref={claimOutcome}>
              {claims.failure}
            </Notice>
          )}
          {notices.length > 0 && (
            <section aria-label={t('agent.notices')} className="card" data-testid="agent-notices">
              <ul className="plain-list">
                {notices.map((notice) => (
                  <li key={notice.id} className="agent-notice" data-kind={notice.kind} data-ticket-code={notice.ticketCode}>
                    <span>
                      <a href={ticketPath(notice.ticketId)} onClick={(e) => (e.preventDefault(), navigate(ticketPath(notice.ticketId)))}>
                        {noticeText(notice, t)}
                      </a>{' '}
                      <time className="muted" dateTime={notice.at}>{dateTime(notice.at)}</time>
                    </span>
                    <button type="button" className="link dismiss" aria-label={t('notice.dismiss', { code: notice.ticketCode })} onClick={() => dismiss(notice.id)}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div ref={lists} className="agent-lists">
            <SearchPanel api={api} socket={socket} onOpen={open} />
            <CannedRepliesLink current={page === 'canned-replies'} navigate={navigate} />
            <TicketListsPanel queue={queue.tickets} queueMore={queue.more} mine={mine.tickets} handoffs={handoffs.tickets} openTicketId={openId} onOpen={open} onClaim={(ticket) => void claim(ticket)} meId={me.id} />
          </div>
        </div>
        <div ref={column} className="agent-main">
          {page && !bringsOwnWayBack(page) && (
            <p className="back-to-lists">
              <a href="/agent" onClick={(e) => (e.preventDefault(), navigate('/agent'))}>
                {t('agent.backToLists')}
              </a>
            </p>
          )}
          {customerId ? (
            <CustomerPage key={customerId} customerId={customerId} />
          ) : page === 'canned-replies' ? (
            <CannedRepliesPage />
          ) : page === 'macros' ? (
            <MacroManagerPage onBack={() => navigate('/agent')} canShare={me.role !== 'agent'} />
          ) : openId ? (
            <TicketPage
              key={openId}
              ticketId={openId}
              meId={me.id}
              socket={socket}
              colleagues={colleagues}
              claims={claims}
              onChanged={bump}
              focusComposer={replyFocus === openId}
            />
          ) : page === 'missing-ticket' ? (
            <Notice tone="error">{t('ticket.notFound')}</Notice>
          ) : (
            <p className="card muted">{t('agent.noTicket')}</p>
          )}
        </div>
      </main>
    </>
  );
}

/** The main column's start in view when it is out of sight: above the window, or below the lists on a phone. */
function bringIntoView(column: HTMLElement | null) {
  const top = column?.getBoundingClientRect().top ?? 0;
  if (top < 0 || top > window.innerHeight / 2) column?.scrollIntoView({ block: 'start' });
}

/** Focus to the row of the ticket just left (where the agent was in the list), or to the list's tab. */
function returnToLists(lists: HTMLElement | null, ticketId: string | null) {
  if (!lists || typingIn(document.activeElement)) return;
  const row = ticketId ? lists.querySelector<HTMLElement>(`a[href="${ticketPath(ticketId)}"]`) : null;
  (row ?? lists.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]'))?.focus();
}

/** Its own component so the macros are loaded only while the page shows. */
function MacroManagerPage({ onBack, canShare }: { onBack(): void; canShare: boolean }) {
  const api = useAgentApi();
  const macros = useMacros(api);
  return <MacroManager api={api} macros={macros} canShare={canShare} onBack={onBack} />;
}
