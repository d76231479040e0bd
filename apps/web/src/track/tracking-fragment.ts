/** The parts of a tracking link's fragment (`#token=...&automatic-answer=solved`); no browser API, so it is unit-tested. */
const fragmentParams = (hash: string) => new URLSearchParams(hash.replace(/^#/, ''));

export function tokenFromFragment(hash: string): string | null {
  const value = fragmentParams(hash).get('token');
  return value && value.length <= 200 ? value : null;
}

/**
 * What the customer clicked in a message, carried in the fragment beside the token: one of the
 * bot's two choices, or the rating. The page scrolls to it and focuses it; it never acts on a link
 * alone (a mail scanner may open links), the customer still presses the button.
 */
export type TrackIntent = 'solved' | 'need-person' | 'rate';

export function intentFromFragment(hash: string): TrackIntent | null {
  const params = fragmentParams(hash);
  const choice = params.get('automatic-answer');
  if (choice === 'solved' || choice === 'need-person') return choice;
  return params.has('rate') ? 'rate' : null;
}
