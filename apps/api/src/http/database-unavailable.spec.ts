import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('knows the pool timeout, refused and cut connections, and PostgreSQL starting or stopping, also inside a wrapper', () => {
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // A query written to a connection PostgreSQL's death had just cut (seen in the fault suite's kill -9).
    expect(isDatabaseUnavailable({ message: 'write EPIPE', driverError: Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }) })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '08006', message: 'connection failure' } })).toBe(true);
  });

  it('leaves errors of the request or of our own code alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'tier')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
