import { useEffect, useState } from 'react';
import { isSupervisorRole, type AgentRole } from '@firsthand/domain';
import type { CopiedPeopleList, CopiedPersonItem, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';

interface Props {
  api: AgentApi;
  ticket: TicketView;
  me: { id: string; role: AgentRole };
  /** How many email messages the timeline holds: a new one may copy someone more. */
  emailMessages: number;
}

/**
 * Who the customer copied on their mail, and so gets a copy of the owner's replies and of the
 * resolution: shown so nobody answers without knowing who else reads it. The owner (or a
 * supervisor) can stop copying someone.
 */
export function CopiedPeople({ api, ticket, me, emailMessages }: Props) {
  const { t } = useI18n();
  const [people, setPeople] = useState<CopiedPersonItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (emailMessages === 0) return;
    let cancelled = false;
    api.get<CopiedPeopleList>(`/api/tickets/${ticket.id}/copied-people`).then(
      (list) => !cancelled && setPeople(list.items),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, ticket.id, emailMessages]);

  if (people.length === 0) return null;
  const mayRemove = ticket.owner?.id === me.id || isSupervisorRole(me.role);
  const remove = async (person: CopiedPersonItem) => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/tickets/${ticket.id}/copied-people/${encodeURIComponent(person.address)}`);
      setPeople((list) => list.filter((p) => p.address !== person.address));
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card copied-people" aria-labelledby="copied-title" data-testid="copied-people">
      <h2 id="copied-title">{t('copied.title')}</h2>
      <p className="muted">{t('copied.explain')}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <ul className="chips" aria-label={t('copied.title')}>
        {people.map((person) => (
          <li key={person.address} className="chip">
            <span>{person.name ? `${person.name} <${person.address}>` : person.address}</span>
            {mayRemove && (
              <button type="button" className="chip-remove" aria-label={t('copied.remove', { address: person.address })} disabled={busy} onClick={() => void remove(person)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
