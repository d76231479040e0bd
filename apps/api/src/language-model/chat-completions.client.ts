import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { ChatMessage } from '@firsthand/domain';

export type LanguageModelFailureKind = 'timeout' | 'garbage' | 'http-error' | 'unreachable';

/** The endpoint did not give a usable answer; `detail` says why, for the audit log and the agent. */
export class LanguageModelFailure extends Error {
  constructor(
    readonly kind: LanguageModelFailureKind,
    detail: string,
    readonly httpStatus: number | null = null,
  ) {
    super(detail);
  }
}

export interface ChatAnswer {
  text: string;
  httpStatus: number;
}

/**
 * A client of the OpenAI-compatible Chat Completions protocol (`POST {base}/chat/completions`), any
 * vendor or a local server. One timeout covers connecting, waiting and reading the whole body.
 */
@Injectable()
export class ChatCompletionsClient {
  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async complete(messages: ChatMessage[]): Promise<ChatAnswer> {
    const settings = this.config.languageModel;
    if (!settings.baseUrl) throw new LanguageModelFailure('unreachable', 'No language model is configured.');
    const signal = AbortSignal.timeout(settings.timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
    let response: Response;
    try {
      response = await fetch(`${settings.baseUrl}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: settings.model, messages, stream: false }),
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw this.transportFailure(error);
    }
    let body: string;
    try {
      body = await readCapped(response, settings.maxAnswerBytes);
    } catch (error) {
      if (error instanceof LanguageModelFailure) throw error;
      throw this.transportFailure(error);
    }
    if (!response.ok) {
      throw new LanguageModelFailure('http-error', `The language model answered HTTP ${response.status}${snippet(body)}.`, response.status);
    }
    return { text: contentOf(body, response.status), httpStatus: response.status };
  }

  private transportFailure(error: unknown): LanguageModelFailure {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new LanguageModelFailure('timeout', `The language model did not answer within ${this.config.languageModel.timeoutMs} ms.`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
    return new LanguageModelFailure('unreachable', `The language model could not be reached (${cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error'}).`);
  }
}

/** Reads at most `max` bytes; a longer answer is refused rather than held in memory. */
async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new LanguageModelFailure('garbage', `The language model's answer is larger than ${max} bytes.`, response.status);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await response.body.cancel().catch(() => undefined);
      throw new LanguageModelFailure('garbage', `The language model's answer is larger than ${max} bytes.`, response.status);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function contentOf(body: string, status: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LanguageModelFailure('garbage', `The language model's answer is not JSON${snippet(body)}.`, status);
  }
  const choice = (parsed as { choices?: unknown } | null)?.choices;
  const content = Array.isArray(choice) ? (choice[0] as { message?: { content?: unknown } } | undefined)?.message?.content : undefined;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new LanguageModelFailure('garbage', "The language model's answer has no text at choices[0].message.content.", status);
  }
  return content.trim();
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 120);
  return text ? `: "${text}"` : '';
}
