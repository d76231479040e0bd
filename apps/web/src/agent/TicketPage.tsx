import { useCallback, useRef, useState } from 'react';
import { apiResponse, ApiProblem } from '../shared/api/http.js';
import type { Colleague, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { useAgentApi, useSignedInAgent } from '../shared/session/agent-session.js';
import { isSupervisorRole } from '@firsthand/domain';
import { SupervisorReassign } from './SupervisorReassign.js';
import { Notice } from '../shared/ui/Notice.js';
import { useFocusHeadingOnShow, useFocusReturn } from '../shared/ui/use-focus-return.js';
import type { AgentSocket } from './agent-socket.js';
import { Composer } from './Composer.js';
import { CustomerPanel } from './customers/CustomerPanel.js';
import { HandoffPanel } from './HandoffPanel.js';
import { HandoffOfferBanner, type HandoffAnswer } from './HandoffOfferBanner.js';
import { handoffOffer } from './handoff-offer.js';
import { OwnershipBanner } from './OwnershipBanner.js';
import { PresenceBar } from './PresenceBar.js';
import { TicketActions } from './TicketActions.js';
import { TicketHeader } from './TicketHeader.js';
import { Timeline } from './Timeline.js';
import { MailOriginal } from './MailOriginal.js';
import { emailMessageCount } from './message-facts.js';
import { useTicketMails } from './use-ticket-mails.js';
import { CopiedPeople } from './CopiedPeople.js';
import { useCustomerDeliveries } from './use-customer-deliveries.js';
import type { useClaim } from './use-claim.js';
import { usePresence } from './use-presence.js';
import { useTicketCommand } from './use-ticket-command.js';
import { useTicketStream } from './use-ticket-stream.js';
import { TagsEditor } from './TagsEditor.js';
import { MacrosMenu } from './macros/MacrosMenu.js';
import { useMacros } from './macros/use-macros.js';
import { useLanguageModelEnabled, useLanguageModelRequest } from './language-model/use-language-model.js';
import { AssistPanel, type AssistInsertion } from './assist/AssistPanel.js';

/** Events on the ticket that change what its customer panel shows: their ratings, tickets linked as repeats, their tier or record. */
const CUSTOMER_PANEL_EVENTS: ReadonlySet<string> = new Set(['rated', 'repeat_contact', 'customer_tier_changed', 'customer_merged']);

interface Props {
  ticketId: string;
  meId: string;
  socket: AgentSocket | null;
  colleagues: readonly Colleague[];
  claims: ReturnType<typeof useClaim>;
  onChanged(ticket: TicketView): void;
  /** Opened by the reply shortcut: the reply box takes focus, not the heading. */
  focusComposer: boolean;
}

/** One ticket: who and what, the live timeline, presence, the reply box and the owner's actions. */
export function TicketPage({ ticketId, meId, socket, colleagues, claims, onChanged, focusComposer }: Props) {
  const { t } = useI18n();
  const api = useAgentApi();
  const me = useSignedInAgent();
  const stream = useTicketStream(api, socket, ticketId);
  const presence = usePresence(socket, ticketId, stream.following, meId);
  const apply = stream.apply;
  const applyAndTell = (change: Parameters<typeof apply>[0]) => {
    apply(change);
    if (change.ticket) onChanged(change.ticket);
  };
  const reply = useTicketCommand(api, ticketId, applyAndTell);
  const actions = useTicketCommand(api, ticketId, applyAndTell);
  const handoff = useTicketCommand(api, ticketId, applyAndTell);
  const answer = useTicketCommand(api, ticketId, applyAndTell);
  const [claiming, setClaiming] = useState(false);
  const ownership = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const focus = useFocusReturn();
  useFocusHeadingOnShow(title, stream.ticket !== null && !focusComposer);
  const [originalOf, setOriginalOf] = useState<string | null>(null);
  const originalFocus = useFocusReturn();
  const showOriginal = useCallback(
    (mailId: string) => {
      originalFocus.opened();
      setOriginalOf(mailId);
    },
    [originalFocus],
  );
  const [insertion, setInsertion] = useState<AssistInsertion | null>(null);
  const mails = useTicketMails(api, ticketId, emailMessageCount(stream.events));
  const deliveries = useCustomerDeliveries(api, socket, ticketId, stream.lastSeq);
  const macros = useMacros(api);
  const languageModel = useLanguageModelEnabled(api);
  const draft = useLanguageModelRequest(api, ticketId, 'draft-reply');
  const summary = useLanguageModelRequest(api, ticketId, 'handoff-summary');
  const attachmentSource = useCallback(
    async (attachmentId: string) => (await apiResponse(`/api/tickets/${ticketId}/attachments/${attachmentId}`, { token: api.token })).blob(),
    [api.token, ticketId],
  );

  if (stream.error instanceof ApiProblem && stream.error.status === 404) return <Notice tone="error">{t('ticket.notFound')}</Notice>;
  if (stream.error) return <Notice tone="error">{t('app.error', { message: problemText(stream.error, t) })}</Notice>;
  const { ticket } = stream;
  if (!ticket) return <p role="status">{t('app.loading')}</p>;

  const claim = async () => {
    setClaiming(true);
    const outcome = await claims.claim(ticket);
    setClaiming(false);
    if (outcome.won) applyAndTell(outcome.change);
    // The Claim button leaves with the claim: focus goes to the banner's new state (who owns it now),
    // or back to the button when the claim failed and it stays.
    const claimed = outcome.won || outcome.ownerName !== null;
    focus.moveTo(() => {
      const banner = ownership.current;
      const button = banner?.querySelector<HTMLElement>('button');
      return claimed ? (button ? null : banner) : button;
    });
  };
  // Answered, the offer's buttons go: focus goes to the banner saying who owns it now; refused (the
  // offer withdrawn meanwhile), it goes there only once the button it was on has gone.
  const answerOffer = async (path: HandoffAnswer) => {
    const answered = await answer.run(path);
    focus.moveTo(() => (answered || !document.activeElement || document.activeElement === document.body ? ownership.current : null));
  };
  const isOwner = ticket.owner?.id === meId;
  const offer = handoffOffer(ticket, stream.events, meId);
  const customerVersion = stream.events.reduce((seq, e) => (CUSTOMER_PANEL_EVENTS.has(e.type) ? e.seq : seq), 0);
  return (
    <article className="ticket-page" aria-labelledby="ticket-title" data-testid="ticket-page" data-ticket-code={ticket.code}>
      <TicketHeader ticket={ticket} openingMail={mails.find((m) => m.outcome === 'opened') ?? null} titleRef={title} />
      {stream.revoked && <Notice tone="warning">{stream.revoked}</Notice>}
      {offer ? (
        <HandoffOfferBanner ref={ownership} offer={offer} busy={answer.busy} onAnswer={(path) => void answerOffer(path)} summary={languageModel ? summary : null} />
      ) : (
        <OwnershipBanner ref={ownership} ticket={ticket} meId={meId} onClaim={() => void claim()} claiming={claiming} />
      )}
      {answer.error && <Notice tone="error">{answer.error}</Notice>}
      <PresenceBar others={presence.others} />
      <div className="ticket-columns">
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('ticket.timeline')}</h2>
          <Timeline events={stream.events} customerEmail={ticket.customer.email ?? null} mails={mails} deliveries={deliveries} attachmentSource={attachmentSource} onShowOriginal={showOriginal} />
        </section>
        <div className="stack">
          <Composer ticket={ticket} meId={meId} lastSeq={stream.lastSeq} command={reply} onTyping={presence.typing} onSent={presence.stopTyping} autoFocus={focusComposer} draft={languageModel ? draft : null} insertion={insertion} />
          <AssistPanel ticket={ticket} onInsert={setInsertion} />
          <MacrosMenu api={api} ticket={ticket} meId={meId} macros={macros.macros} onChanged={applyAndTell} />
          <TagsEditor api={api} ticket={ticket} onChanged={applyAndTell} />
          <CopiedPeople api={api} ticket={ticket} me={{ id: meId, role: me.role }} emailMessages={emailMessageCount(stream.events)} />
          {isOwner && <TicketActions ticket={ticket} lastSeq={stream.lastSeq} command={actions} />}
          <HandoffPanel ticket={ticket} meId={meId} colleagues={colleagues} command={handoff} summary={languageModel ? summary : null} onProposed={() => focus.moveTo(() => ownership.current)} />
          {isSupervisorRole(me.role) && ticket.owner && ticket.status !== 'closed' && <SupervisorReassign api={api} ticket={ticket} colleagues={colleagues} onDone={applyAndTell} />}
          <CustomerPanel key={ticket.customer.id} customerId={ticket.customer.id} currentTicketId={ticket.id} version={customerVersion} />
        </div>
      </div>
      {originalOf && (
        <MailOriginal
          api={api}
          ticketId={ticketId}
          mailId={originalOf}
          onClose={() => {
            setOriginalOf(null);
            originalFocus.back(() => document.getElementById('timeline-title'));
          }}
        />
      )}
    </article>
  );
}
