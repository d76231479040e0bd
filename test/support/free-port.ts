/** A loopback port that nothing listens on right now, below the ephemeral range (see `freePort`). */
export { freePort as freePortForTest } from '../../scripts/lib/services.mjs';
