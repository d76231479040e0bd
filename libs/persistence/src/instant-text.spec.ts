import pg from 'pg';
import { isoInstantFromPostgres } from './instant-text.js';

const viaDate = (text: string): string => (pg.types.getTypeParser(1184, 'text')(text) as Date).toISOString();

describe('isoInstantFromPostgres', () => {
  it('gives what parsing into a Date and printing it gives, for every fraction length PostgreSQL prints', () => {
    const texts = ['2026-12-05 02:43:49+00', '2026-12-05 02:43:49.1+00', '2026-12-05 02:43:49.06+00', '2026-12-05 02:43:49.065+00', '2026-12-05 02:43:49.0651+00', '2026-12-05 02:43:49.065999+00', '1999-01-01 00:00:00.999999+00', '2000-02-29 23:59:59.000001+00'];
    for (const text of texts) expect(isoInstantFromPostgres(text)).toBe(viaDate(text));
    expect(isoInstantFromPostgres('2026-12-05 02:43:49.065999+00')).toBe('2026-12-05T02:43:49.065Z');
  });

  it('agrees with the Date path on many random instants at microsecond precision', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const at = new Date(Date.UTC(1970 + Math.floor(next() * 100), 0, 1) + Math.floor(next() * 365 * 86_400_000));
      const micros = String(Math.floor(next() * 1_000_000)).padStart(6, '0').replace(/0+$/, '');
      const text = `${at.toISOString().slice(0, 19).replace('T', ' ')}${micros ? `.${micros}` : ''}+00`;
      expect(isoInstantFromPostgres(text)).toBe(viaDate(text));
    }
  });

  it('takes the Date path for another session time zone, years past 9999 and BC', () => {
    for (const text of ['2026-12-05 10:43:49.065+08', '2026-12-05 08:13:49.5+05:30', '2026-12-04 21:43:49-05', '12026-12-05 02:43:49+00', '0044-03-15 12:00:00+00 BC']) {
      expect(isoInstantFromPostgres(text)).toBe(viaDate(text));
    }
    expect(isoInstantFromPostgres('2026-12-05 10:43:49.065+08')).toBe('2026-12-05T02:43:49.065Z');
  });
});
