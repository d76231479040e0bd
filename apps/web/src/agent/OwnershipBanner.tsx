import type { Ref } from 'react';
import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useNow } from '../shared/time/use-now.js';
import { botHoldsUntil } from '../shared/time/bot-hold.js';

/** First-responder ownership at a glance: mine, someone else's (by name), or nobody's yet (claim; said so when the bot holds it). `ref`: the banner, whichever state it shows. */
export function OwnershipBanner({ ticket, meId, onClaim, claiming, ref }: { ticket: TicketView; meId: string; onClaim(): void; claiming: boolean; ref?: Ref<HTMLDivElement> }) {
  const { t, time } = useI18n();
  const now = useNow(15_000);
  if (ticket.owner?.id === meId) return <Notice ref={ref} tone="success" testId="ownership">{t('ticket.youOwn')}</Notice>;
  if (ticket.owner) return <Notice ref={ref} tone="info" testId="ownership">{t('ticket.ownedBy', { name: ticket.owner.name })}</Notice>;
  // The bot answered and waits for the customer: nobody owns it, but nobody has forgotten it either.
  const holdUntil = botHoldsUntil(ticket, now);
  return (
    <div ref={ref} className="notice notice-info row" data-testid="ownership" data-bot-holds={holdUntil !== null || undefined}>
      <span>{holdUntil ? t('ticket.botHolds', { time: time(holdUntil) }) : t('ticket.unowned')}</span>
      {ticket.status === 'new' && (
        <button type="button" className="primary" onClick={onClaim} disabled={claiming}>
          {t('agent.claimCode', { code: ticket.code })}
        </button>
      )}
    </div>
  );
}
