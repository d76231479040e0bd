import type { CustomerExportList, CustomerExportStatus } from '@firsthand/http-contracts';
import { formatFileSize } from '../../shared/attachments/file-size.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { Notice } from '../../shared/ui/Notice.js';

export const FULL_NOTICE_ID = 'customer-exports-full';

/** Whether a further export would be refused: as many as the limit are queued, being written or downloadable. */
export const exportsFull = (list: CustomerExportList | null) => Boolean(list && list.live >= list.liveLimit);

/** The customer's exports with their state, when each was asked for and until when it can be downloaded; why no further one can be asked for. */
export function CustomerExports({ list, busy, onDownload }: { list: CustomerExportList; busy: boolean; onDownload(item: CustomerExportStatus): void }) {
  const { t, dateTime, locale } = useI18n();
  const nextExpiry = list.items
    .filter((e) => e.state === 'ready' && e.expiresAt)
    .map((e) => e.expiresAt!)
    .sort()[0];
  const downloadLabel = (item: CustomerExportStatus) => t('customer.exportDownloadZip', { size: formatFileSize(item.sizeBytes ?? 0, locale) });
  return (
    <section aria-labelledby="customer-exports-title" data-testid="customer-exports">
      <h3 id="customer-exports-title">{t('customer.exports')}</h3>
      {exportsFull(list) && (
        <Notice tone="warning" testId="customer-exports-full">
          <span id={FULL_NOTICE_ID}>
            {t('customer.exportsFull', { live: list.live, limit: list.liveLimit, hours: list.keepHours })}{' '}
            {nextExpiry ? t('customer.exportsNextFree', { when: dateTime(nextExpiry) }) : t('customer.exportsNotWritten')}
          </span>
        </Notice>
      )}
      {list.items.length === 0 ? (
        <p className="muted">{t('customer.exportsNone')}</p>
      ) : (
        <table className="rows-on-phone customer-exports">
          <thead>
            <tr>
              <th>{t('customer.exportRequested')}</th>
              <th>{t('customer.exportState')}</th>
              <th>{t('customer.exportDownload')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.id} data-testid="customer-export" data-state={item.state}>
                <td data-label={t('customer.exportRequested')}>
                  <time dateTime={item.requestedAt}>{dateTime(item.requestedAt)}</time>
                </td>
                <td data-label={t('customer.exportState')}>
                  {t(`customer.exportState.${item.state}`)}
                  {item.state === 'ready' && item.expiresAt && <> · {t('customer.exportUntil', { when: dateTime(item.expiresAt) })}</>}
                </td>
                <td data-label={t('customer.exportDownload')}>
                  {item.state === 'ready' && item.downloadUrl ? (
                    // Its name starts with what it shows and adds when it was asked for: several rows have the same size.
                    <button type="button" className="link" disabled={busy} onClick={() => onDownload(item)} aria-label={t('customer.exportDownloadOf', { label: downloadLabel(item), when: dateTime(item.requestedAt) })}>
                      {downloadLabel(item)}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
