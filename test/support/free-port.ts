import { freePort } from '../../scripts/lib/services.mjs';

/** A loopback port that nothing listens on right now, below the ephemeral range (see `freePort`). */
export function freePortForTest(): Promise<number> {
  return freePort();
}
