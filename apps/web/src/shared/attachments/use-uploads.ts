import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttachmentLimitsView, UploadedAttachment, UploadRef } from '@firsthand/http-contracts';
import { ApiProblem, isAbort } from '../api/http.js';
import { clientConfig } from '../live/client-config.js';
import { attachmentsExcess, type AttachmentProblem } from './attachment-problems.js';
import { uploadFile } from './upload-file.js';

export interface PendingUpload {
  key: string;
  filename: string;
  sizeBytes: number;
  /** 0..1 while uploading. */
  progress: number;
  state: 'uploading' | 'ready' | 'failed';
  error: string | null;
  /** Why the server refused it (413 too large, 415 a refused type, 429 too many), to say in the reader's language. */
  refusal: AttachmentProblem | null;
  uploaded: UploadedAttachment | null;
}

let counter = 0;

/**
 * The files chosen for one message: each uploads as soon as it is chosen, may be removed before
 * sending (an upload in flight is aborted), and `refs` are what the message sends. `excess` says
 * when they are too many or too large together for one message, before it is sent.
 */
export function useUploads(token: string | null) {
  const [items, setItems] = useState<PendingUpload[]>([]);
  const inFlight = useRef(new Map<string, AbortController>());
  const [limits, setLimits] = useState<AttachmentLimitsView | null>(null);

  useEffect(() => {
    let current = true;
    // Without the limits nothing is checked here; the API still refuses, and the form says why.
    clientConfig().then(
      (config) => current && setLimits(config.attachments ?? null),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const running = inFlight.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      running.clear();
    };
  }, []);

  const update = (key: string, change: Partial<PendingUpload>) => setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `upload-${++counter}`;
        const controller = new AbortController();
        inFlight.current.set(key, controller);
        setItems((list) => [...list, { key, filename: file.name, sizeBytes: file.size, progress: 0, state: 'uploading', error: null, refusal: null, uploaded: null }]);
        uploadFile(file, { token, signal: controller.signal, onProgress: (progress) => update(key, { progress }) }).then(
          (uploaded) => update(key, { state: 'ready', progress: 1, uploaded }),
          (error: unknown) => {
            if (isAbort(error)) return;
            const refusal = error instanceof ApiProblem ? { status: error.status, code: error.code, body: error.body } : null;
            update(key, { state: 'failed', error: (error as Error).message, refusal });
          },
        ).finally(() => inFlight.current.delete(key));
      }
    },
    [token],
  );

  const remove = useCallback((key: string) => {
    inFlight.current.get(key)?.abort();
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const clear = useCallback(() => setItems([]), []);

  const refs = useMemo<UploadRef[]>(() => items.flatMap((item) => (item.uploaded ? [{ id: item.uploaded.id, uploadToken: item.uploaded.uploadToken }] : [])), [items]);
  const uploading = items.some((item) => item.state === 'uploading');
  const excess = useMemo(() => attachmentsExcess(items.filter((item) => item.state !== 'failed').map((item) => item.sizeBytes), limits), [items, limits]);
  return { items, add, remove, clear, refs, uploading, excess };
}

export type Uploads = ReturnType<typeof useUploads>;
