import type { CannedReplyList, CannedReplyUse, CannedReplyView, CreateCannedReplyRequest, UpdateCannedReplyRequest } from '@firsthand/http-contracts';
import { apiFetch } from '../../shared/api/http.js';
import type { UiLocale } from '../../shared/i18n/locale.js';

/** The canned-reply routes, as the signed-in agent. */
export function cannedRepliesApi(token: string) {
  const base = '/api/canned-replies';
  return {
    search: (query: { q?: string; scope?: 'personal' | 'team'; lang: UiLocale; limit: number }, signal?: AbortSignal) => {
      const params = new URLSearchParams({ lang: query.lang, limit: String(query.limit) });
      if (query.q) params.set('q', query.q);
      if (query.scope) params.set('scope', query.scope);
      return apiFetch<CannedReplyList>(`${base}?${params}`, { token, signal });
    },
    create: (body: CreateCannedReplyRequest) => apiFetch<CannedReplyView>(base, { token, method: 'POST', body }),
    update: (id: string, body: UpdateCannedReplyRequest) => apiFetch<CannedReplyView>(`${base}/${id}`, { token, method: 'PATCH', body }),
    remove: (id: string) => apiFetch<void>(`${base}/${id}`, { token, method: 'DELETE' }),
    /** The text filled for this ticket, counted as one use. */
    use: (id: string, ticketId: string) => apiFetch<CannedReplyUse>(`${base}/${id}/uses`, { token, method: 'POST', body: { ticketId } }),
  };
}
