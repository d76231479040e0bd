import type { ReactNode } from 'react';

/** A message block: errors interrupt (role=alert), the rest is announced politely. */
export function Notice({ tone, children, testId }: { tone: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
