import { useState } from 'react';
import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/messages-en.js';
import { QueueList } from './QueueList.js';
import { useQueueShortcuts } from './use-queue-shortcuts.js';

export type ListTab = 'queue' | 'mine' | 'handoffs';

interface Props {
  queue: readonly TicketView[];
  /** More unclaimed tickets wait than the queue shows (it shows the most urgent). */
  queueMore: boolean;
  mine: readonly TicketView[];
  handoffs: readonly TicketView[];
  openTicketId: string | null;
  onOpen(ticket: TicketView, options?: { reply?: boolean }): void;
  onClaim(ticket: TicketView): void;
  meId: string;
}

const TABS: Array<{ id: ListTab; label: MessageKey; empty: MessageKey }> = [
  { id: 'queue', label: 'agent.queue', empty: 'agent.empty.queue' },
  { id: 'mine', label: 'agent.mine', empty: 'agent.empty.mine' },
  { id: 'handoffs', label: 'agent.handoffs', empty: 'agent.empty.handoffs' },
];

/** Team queue / my tickets / handoffs for me, as tabs; the shortcuts work on the list shown. */
export function TicketListsPanel({ queue, queueMore, mine, handoffs, openTicketId, onOpen, onClaim, meId }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<ListTab>('queue');
  const [selected, setSelected] = useState(-1);
  const lists = { queue, mine, handoffs };
  const shown = lists[tab];

  useQueueShortcuts({
    count: shown.length,
    selected,
    select: setSelected,
    open: (i) => shown[i] && onOpen(shown[i]),
    claim: (i) => tab === 'queue' && shown[i] && onClaim(shown[i]),
    reply: (i) => shown[i] && onOpen(shown[i], { reply: true }),
  });

  const choose = (next: ListTab) => {
    setTab(next);
    setSelected(-1);
  };
  return (
    <nav className="lists card" aria-label={t('agent.tabs')}>
      <div className="tabs" role="tablist" aria-label={t('agent.tabs')}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => choose(id)}
            onKeyDown={(e) => {
              const order = TABS.map((x) => x.id);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const next = order[(order.indexOf(id) + step + order.length) % order.length];
              choose(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t(label)} <span className="count">{lists[id].length}{id === 'queue' && queueMore ? '+' : ''}</span>
          </button>
        ))}
      </div>
      {TABS.filter((x) => x.id === tab).map(({ id, empty }) => (
        <div key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`}>
          <QueueList
            tickets={shown}
            emptyText={t(empty)}
            selectedIndex={selected}
            openTicketId={openTicketId}
            onOpen={onOpen}
            onClaim={id === 'queue' ? onClaim : undefined}
            meId={meId}
            testId={`list-${id}`}
          />
          {id === 'queue' && queueMore && (
            <p className="muted" data-testid="queue-more">
              {t('agent.queueMore', { count: queue.length })}
            </p>
          )}
        </div>
      ))}
      <p className="muted shortcuts">{t('agent.shortcuts')}</p>
    </nav>
  );
}
