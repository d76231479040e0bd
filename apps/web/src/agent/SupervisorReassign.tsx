import { useState } from 'react';
import type { Colleague, TicketChange, TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { ReassignDialog } from '../supervisor/ReassignDialog.js';
import { useFocusReturn } from '../shared/ui/use-focus-return.js';

/**
 * A supervisor on an owned ticket: reassign it at once, with a reason, when its owner cannot go on
 * (the ownership rules' one move that needs no acceptance).
 */
export function SupervisorReassign({ api, ticket, colleagues, onDone }: { api: AgentApi; ticket: TicketView; colleagues: readonly Colleague[]; onDone(change: TicketChange): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const focus = useFocusReturn();
  return (
    <section className="card" aria-labelledby="supervisor-reassign-title" data-testid="supervisor-reassign">
      <h2 id="supervisor-reassign-title">{t('ticket.supervisorTitle')}</h2>
      <p className="muted">{t('ticket.reassignHint', { name: ticket.owner?.name ?? '' })}</p>
      <button
        type="button"
        onClick={() => {
          focus.opened();
          setOpen(true);
        }}
      >
        {t('sup.reassignCode', { code: ticket.code })}
      </button>
      {open && (
        <ReassignDialog
          api={api}
          target={{ id: ticket.id, code: ticket.code, ownerId: ticket.owner?.id ?? null }}
          colleagues={colleagues}
          onClose={() => {
            setOpen(false);
            focus.back();
          }}
          onDone={(change) => {
            setOpen(false);
            focus.back();
            onDone(change);
          }}
        />
      )}
    </section>
  );
}
