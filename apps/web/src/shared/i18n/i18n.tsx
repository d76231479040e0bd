import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MessageKey } from './messages-en.js';
import { DICTIONARIES, isUiLocale, pickLocale, translate, type MessageParams, type UiLocale } from './locale.js';
import { formatDateTime, formatDuration, formatNumber, formatPercent, formatTime } from './format.js';

const STORAGE_KEY = 'firsthand.locale';

export interface I18n {
  locale: UiLocale;
  setLocale(locale: UiLocale): void;
  t(key: MessageKey, params?: MessageParams): string;
  dateTime(iso: string | Date): string;
  time(iso: string | Date): string;
  duration(ms: number, options?: { daysFrom?: number }): string;
  percent(rate: number | null): string;
  number(value: number, fractionDigits?: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): UiLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isUiLocale(saved)) return saved;
  } catch {
    // storage may be disabled: follow the browser
  }
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** The chosen language: the browser's by default, the header switch's once used (remembered), reflected in <html lang>. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: UiLocale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still applied
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = DICTIONARIES[locale];
    return {
      locale,
      setLocale,
      t: (key, params) => translate(messages, key, params),
      dateTime: (iso) => formatDateTime(iso, locale),
      time: (iso) => formatTime(iso, locale),
      duration: (ms, options) => formatDuration(ms, locale, options),
      percent: (rate) => formatPercent(rate, locale),
      number: (value, digits) => formatNumber(value, locale, digits),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/**
 * A translate function that always speaks the reader's current language, for callbacks a page keeps
 * across renders (its reload, made once): the `t` of a render stays in that render's language, so
 * such a callback would word a later refusal in the language the page was opened in.
 */
export function useCurrentT(): I18n['t'] {
  const { t } = useI18n();
  const latest = useRef(t);
  useEffect(() => {
    latest.current = t;
  }, [t]);
  return useCallback((key, params) => latest.current(key, params), []);
}
