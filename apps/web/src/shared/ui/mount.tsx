import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/i18n.js';
import './base.css';

/** Every page's entry: the language provider around the screen. */
export function mount(screen: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>{screen}</I18nProvider>
    </StrictMode>,
  );
}
