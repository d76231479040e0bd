import { useEffect, useState } from 'react';
import type { InboundMailItem, TicketMailList } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/** The ticket's mails (sender, verification, original kept), read again whenever another email message joins the timeline. */
export function useTicketMails(api: AgentApi, ticketId: string, emailMessages: number): InboundMailItem[] {
  const [mails, setMails] = useState<InboundMailItem[]>([]);
  useEffect(() => {
    if (emailMessages === 0) return;
    let cancelled = false;
    api.get<TicketMailList>(`/api/tickets/${ticketId}/mails`).then(
      (list) => !cancelled && setMails(list.items),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, ticketId, emailMessages]);
  return mails;
}
