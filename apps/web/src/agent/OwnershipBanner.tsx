import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';

/** First-responder ownership at a glance: mine, someone else's (by name), or nobody's yet (claim). */
export function OwnershipBanner({ ticket, meId, onClaim, claiming }: { ticket: TicketView; meId: string; onClaim(): void; claiming: boolean }) {
  const { t } = useI18n();
  if (ticket.owner?.id === meId) return <Notice tone="success" testId="ownership">{t('ticket.youOwn')}</Notice>;
  if (ticket.owner) return <Notice tone="info" testId="ownership">{t('ticket.ownedBy', { name: ticket.owner.name })}</Notice>;
  return (
    <div className="notice notice-info row" data-testid="ownership">
      <span>{t('ticket.unowned')}</span>
      {ticket.status === 'new' && (
        <button type="button" className="primary" onClick={onClaim} disabled={claiming}>
          {t('agent.claimCode', { code: ticket.code })}
        </button>
      )}
    </div>
  );
}
