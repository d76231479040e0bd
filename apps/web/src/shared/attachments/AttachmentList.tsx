import { useEffect, useState } from 'react';
import type { AttachmentView } from '@firsthand/http-contracts';
import { useI18n } from '../i18n/i18n.js';
import { formatFileSize } from './file-size.js';

/** Fetches one attachment's bytes; the download routes need a header (bearer or tracking token), so a plain link cannot. */
export type AttachmentSource = (attachmentId: string) => Promise<Blob>;

/** A message's files: images as thumbnails, everything else a download link with its name and size. */
export function AttachmentList({ attachments, source }: { attachments: readonly AttachmentView[]; source: AttachmentSource }) {
  const { t } = useI18n();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('attach.list')} data-testid="attachments">
      {attachments.map((file) => (
        <li key={file.id} data-inline={file.inline}>
          {file.inline ? <Thumbnail file={file} source={source} /> : <DownloadLink file={file} source={source} />}
        </li>
      ))}
    </ul>
  );
}

function Thumbnail({ file, source }: { file: AttachmentView; source: AttachmentSource }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current: string | null = null;
    let cancelled = false;
    source(file.id).then(
      (blob) => {
        if (cancelled) return;
        current = URL.createObjectURL(blob);
        setUrl(current);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      if (current) URL.revokeObjectURL(current);
    };
  }, [file.id, source]);
  if (failed) return <DownloadLink file={file} source={source} />;
  return (
    <figure className="thumbnail">
      {url ? <img src={url} alt={file.filename} data-testid="attachment-thumbnail" /> : <span className="thumbnail-placeholder" aria-hidden="true" />}
      <figcaption>
        <DownloadLink file={file} source={source} />
      </figcaption>
    </figure>
  );
}

function DownloadLink({ file, source }: { file: AttachmentView; source: AttachmentSource }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState(false);
  const save = async () => {
    setError(false);
    try {
      const url = URL.createObjectURL(await source(file.id));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file.filename;
      anchor.click();
      // The browser has taken its own reference by now; give slow disks a moment anyway.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(true);
    }
  };
  return (
    <>
      <button type="button" className="link attachment-link" onClick={() => void save()} data-testid="attachment-link">
        {file.filename}
      </button>{' '}
      <span className="muted">{formatFileSize(file.sizeBytes, locale)}</span>
      {error && <span className="field-error"> {t('attach.unavailable')}</span>}
    </>
  );
}
