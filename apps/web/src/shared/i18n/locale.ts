import { en, type MessageKey, type Messages } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';

export const UI_LOCALES = ['en', 'zh-CN'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export const DICTIONARIES: Record<UiLocale, Messages> = { en, 'zh-CN': zhCN };

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages we speak; any Chinese reads the simplified dictionary. */
export function pickLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

export type MessageParams = Record<string, string | number>;

/** `I18n['t']`, for label helpers that need no React (their specs run under the Node tsconfig). */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `{name}` placeholders filled from params; an unknown placeholder stays visible rather than vanishing. */
export function translate(messages: Messages, key: MessageKey, params: MessageParams = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
