import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useCustomerAction } from './use-customer-action.js';

export function ReopenOffer({ code, token, until, onDone }: { code: string; token: string; until: string; onDone(view: TrackView): void }) {
  const { t, dateTime } = useI18n();
  const { run, busy, notice } = useCustomerAction(code, token, onDone);
  if (Date.parse(until) <= Date.now()) return null;
  return (
    <div className="card">
      {notice && <Notice tone="error">{notice}</Notice>}
      <p>{t('track.reopenUntil', { time: dateTime(until) })}</p>
      <button type="button" onClick={() => void run('reopen', {})} disabled={busy}>
        {t('track.reopen')}
      </button>
    </div>
  );
}
