import type { ReactNode, Ref } from 'react';

/** A message block: errors interrupt (role=alert), the rest is announced politely. `ref`: for moving focus to it (useFocusReturn). */
export function Notice({ tone, children, testId, ref }: { tone: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; testId?: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className={`notice notice-${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
