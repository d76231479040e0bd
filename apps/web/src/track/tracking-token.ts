/**
 * The tracking link carries its token in the URL fragment (`/track/FH-7K3QX#token=...`): browsers
 * never send a fragment to servers, proxies or logs. The page moves it into this tab's
 * sessionStorage and takes it out of the address bar, so it is not left in history or screenshots.
 */
import { tokenFromFragment } from './tracking-fragment.js';

const key = (code: string) => `firsthand.track.${code}`;

export function trackingPath(code: string, token: string): string {
  return `/track/${encodeURIComponent(code)}#token=${encodeURIComponent(token)}`;
}

export function rememberTrackingToken(code: string, token: string): void {
  try {
    sessionStorage.setItem(key(code), token);
  } catch {
    // storage disabled: the token lives only as long as the page
  }
}

/** The token for this code: from the link just opened, else the one remembered by this tab. */
export function takeTrackingToken(code: string): string | null {
  const fromLink = tokenFromFragment(window.location.hash);
  if (fromLink) {
    rememberTrackingToken(code, fromLink);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromLink;
  }
  try {
    return sessionStorage.getItem(key(code));
  } catch {
    return null;
  }
}

/** The code from /track/:code, or null on any other path. */
export function codeFromPath(path: string): string | null {
  const match = /^\/track\/([^/]+)\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]).toUpperCase() : null;
}
