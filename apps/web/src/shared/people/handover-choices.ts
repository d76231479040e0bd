import type { Colleague } from '@firsthand/http-contracts';
import type { Translate } from '../i18n/locale.js';

const PRESENCE_ORDER: Record<Colleague['presence'], number> = { online: 0, away: 1, offline: 2 };

/**
 * The people a ticket can be handed or reassigned to, those at their console first (online, then
 * away, then offline; the list's own order within each), each named with where they are now:
 * handing a customer to someone who is offline leaves the customer waiting.
 */
export function handoverChoices(people: readonly Colleague[], name: (person: Colleague) => string, t: Translate): Array<{ id: string; label: string }> {
  return [...people]
    .map((person, place) => ({ person, place }))
    .sort((a, b) => PRESENCE_ORDER[a.person.presence] - PRESENCE_ORDER[b.person.presence] || a.place - b.place)
    .map(({ person }) => ({ id: person.id, label: t('people.withPresence', { name: name(person), presence: t(`presence.${person.presence}`) }) }));
}
