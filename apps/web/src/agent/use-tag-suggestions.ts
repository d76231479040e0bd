import { couldStartTag } from '@firsthand/domain';
import { useEffect, useState } from 'react';
import type { TagSuggestionList } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

const DEBOUNCE_MS = 150;

/** Tags in use in the agent's team starting with what is typed (GET /api/tags), most used first. */
export function useTagSuggestions(api: AgentApi, prefix: string, exclude: readonly string[]): TagSuggestionList['items'] {
  const [items, setItems] = useState<TagSuggestionList['items']>([]);
  useEffect(() => {
    const controller = new AbortController();
    // A prefix that could start no tag (a '!', too long) finds nothing: not asked, so no refusal while typing.
    if (prefix.trim() && !couldStartTag(prefix)) {
      setItems([]);
      return;
    }
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ limit: '8', ...(prefix.trim() ? { prefix: prefix.trim() } : {}) });
      api.get<TagSuggestionList>(`/api/tags?${query}`, { signal: controller.signal }).then(
        (list) => setItems(list.items),
        () => setItems([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, prefix]);
  return items.filter((item) => !exclude.includes(item.tag));
}

