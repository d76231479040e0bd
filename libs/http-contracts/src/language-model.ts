/** The same shapes as the domain's prompt builder; written out here because the web app reads this file without the domain's prompt code. */
export type LanguageModelPurpose = 'draft-reply' | 'handoff-summary';

export interface LanguageModelChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** `GET /api/language-model`: whether drafting and summaries are on (the console hides them when off). */
export interface LanguageModelStatus {
  enabled: boolean;
  model: string | null;
}

/** `POST /api/tickets/:id/draft-reply` and `/handoff-summary`: text for the agent, never sent by itself. */
/**
 * What a draft or summary request answers. The endpoint failing is not the agent's request failing:
 * the answer is still 200, with no text, the outcome and a message for the agent.
 */
export interface LanguageModelAnswer {
  ticketId: string;
  purpose: LanguageModelPurpose;
  outcome: LanguageModelCallOutcome;
  /** The draft or summary; null when the endpoint failed. */
  text: string | null;
  /** Why there is no text, for the agent; null on success. */
  message: string | null;
  model: string;
  /** The knowledge-base articles the prompt carried (empty for a summary, or when none matched). */
  articleIds: string[];
  /** The audit log entry of this call. */
  callId: string;
}

export type LanguageModelCallOutcome = 'ok' | 'timeout' | 'garbage' | 'http-error' | 'unreachable';

/** One audited call, as admins read it in `GET /api/llm-calls`. */
export interface LanguageModelCallView {
  id: string;
  agentId: string;
  agentName: string;
  ticketId: string;
  purpose: LanguageModelPurpose;
  model: string;
  prompt: LanguageModelChatMessage[];
  articleIds: string[];
  outcome: LanguageModelCallOutcome;
  httpStatus: number | null;
  detail: string | null;
  answerChars: number | null;
  latencyMs: number;
  createdAt: string;
}

export interface LanguageModelCallPage {
  items: LanguageModelCallView[];
  nextCursor: string | null;
}
