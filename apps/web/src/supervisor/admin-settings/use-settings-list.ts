import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { Translate } from '../../shared/i18n/locale.js';
import { useAgentApi } from '../../shared/session/agent-session.js';

/**
 * A settings page's list as the server has it (`GET path` → `{ items }`), read again after each change
 * (`reload`), with the page's refusal and its last done change; a refusal is worded by `refusalText`.
 */
export function useSettingsList<T>(path: string, refusalText: (error: unknown, t: Translate) => string) {
  const { t } = useI18n();
  const api = useAgentApi();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      api
        .get<{ items: T[] }>(path)
        .then((list) => setItems(list.items))
        .catch((e: unknown) => setError(refusalText(e, t))),
    [api, path, refusalText, t],
  );
  useEffect(() => void reload(), [reload]);
  return { items, reload, error, setError, done, setDone };
}
