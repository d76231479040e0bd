import { useState } from 'react';
import { apiFetch, ApiProblem } from '../shared/api/http.js';
import type { TrackView } from '@firsthand/http-contracts';
import { problemText, wordsProblem } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';

/** One customer act (reply, reopen, rate) through the tracking token; the answer is the updated view. */
export function useCustomerAction(code: string, token: string, onDone: (view: TrackView) => void) {
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  // The refusal's problem type, so a form can say why in the customer's words (e.g. reopen-window-closed).
  const [refusal, setRefusal] = useState<string | null>(null);
  // The whole refusal, for a form that says more than its type (a message's attachments and their limits).
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (path: 'messages' | 'reopen' | 'feedback' | 'automatic-answer/solved' | 'automatic-answer/need-person', body: unknown): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    setRefusal(null);
    setProblem(null);
    try {
      onDone(await apiFetch<TrackView>(`/api/track/${encodeURIComponent(code)}/${path}`, { method: 'POST', body, trackingToken: token }));
      return true;
    } catch (e) {
      setFailure({ error: e });
      setRefusal(e instanceof ApiProblem ? e.code : null);
      setProblem(e instanceof ApiProblem ? e : null);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const error = failure && problemText(failure.error, t);
  // A refusal this page knows (a limit, a closed window) is said as it is; only the unexpected is "something went wrong".
  const notice = error && (problem && wordsProblem(problem.code) ? error : t('app.error', { message: error }));
  return { run, busy, error, notice, refusal, problem };
}
