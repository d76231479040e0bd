import { useCallback, useEffect, useState } from 'react';
import type { LanguageModelAnswer, LanguageModelStatus } from '@firsthand/http-contracts';
import { ApiProblem } from '../../shared/api/http.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import type { AgentApi } from '../../shared/session/agent-session.js';

let status: Promise<LanguageModelStatus> | null = null;

/** Whether the helpdesk has a language model; asked once per page load (it changes only with the configuration). */
export function useLanguageModelEnabled(api: AgentApi): boolean {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    let live = true;
    status ??= api.get<LanguageModelStatus>('/api/language-model').catch(() => {
      status = null;
      return { enabled: false, model: null };
    });
    void status.then((s) => live && setEnabled(s.enabled));
    return () => {
      live = false;
    };
  }, [api]);
  return enabled;
}

const FAILURES: Record<string, MessageKey> = {
  'language-model-off': 'languageModel.off',
  'too-many-language-model-calls': 'languageModel.tooMany',
};

/** One drafting or summarizing request: the text on success, a message key on failure; nothing is sent. */
export function useLanguageModelRequest(api: AgentApi, ticketId: string, purpose: 'draft-reply' | 'handoff-summary') {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ key: MessageKey; detail: string } | null>(null);
  const request = useCallback(async (): Promise<string | null> => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api.post<LanguageModelAnswer>(`/api/tickets/${ticketId}/${purpose}`);
      if (answer.text === null) setFailure({ key: answer.outcome === 'timeout' ? 'languageModel.timeout' : 'languageModel.failed', detail: answer.message ?? '' });
      return answer.text;
    } catch (error) {
      const code = error instanceof ApiProblem ? error.code : '';
      setFailure({ key: FAILURES[code] ?? 'languageModel.failed', detail: error instanceof Error ? error.message : '' });
      return null;
    } finally {
      setBusy(false);
    }
  }, [api, ticketId, purpose]);
  return { busy, failure, request, clear: () => setFailure(null) };
}
