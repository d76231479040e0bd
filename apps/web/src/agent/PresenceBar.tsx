import type { PresenceEntry } from '@firsthand/realtime-contracts';
import { useI18n } from '../shared/i18n/i18n.js';

/** "Li is viewing", "Li is typing…": colleagues on the same ticket, to avoid collisions. */
export function PresenceBar({ others }: { others: readonly PresenceEntry[] }) {
  const { t } = useI18n();
  const unique = [...new Map(others.map((a) => [a.agentId, a])).values()];
  return (
    <p className="presence" role="status" data-testid="presence">
      {unique.map((a) => (
        <span key={a.agentId} className={`presence-entry presence-${a.state}`}>
          {t(a.state === 'typing' ? 'presence.typing' : 'presence.viewing', { name: a.agentName })}
        </span>
      ))}
    </p>
  );
}
