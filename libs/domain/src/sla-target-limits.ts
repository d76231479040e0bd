/**
 * An SLA policy's target, in minutes: kept in whole seconds, so fractions of a minute down to one
 * second are accepted (drills, tests), and at most a year. The API checks it; the policies page says it first.
 */
export const SLA_TARGET_MINUTES = { min: 1 / 60, max: 525_600 } as const;
