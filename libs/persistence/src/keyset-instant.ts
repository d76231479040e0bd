/**
 * A timestamptz column as the text a keyset cursor carries: ISO 8601 in UTC with its microseconds.
 * A JavaScript Date keeps milliseconds only, and a cursor cut to the millisecond skips every row
 * stored in the same millisecond after the page's last (a failed CI run showed it on notifications).
 */
export const keysetInstant = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
