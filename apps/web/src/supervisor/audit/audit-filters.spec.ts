import { auditQuery, EMPTY_AUDIT_FILTERS } from './audit-filters.js';

describe('audit page filters', () => {
  it('sends only the filters given, times as UTC instants, with cursor and format', () => {
    expect(auditQuery(EMPTY_AUDIT_FILTERS)).toBe('');
    const q = new URLSearchParams(auditQuery({ ...EMPTY_AUDIT_FILTERS, action: ' agent. ', from: '2026-12-01T08:00' }, { cursor: 'abc', format: 'csv', limit: 50 }));
    expect(q.get('action')).toBe('agent.');
    expect(q.get('from')).toBe(new Date('2026-12-01T08:00').toISOString());
    expect(q.get('to')).toBeNull();
    expect(q.get('cursor')).toBe('abc');
    expect(q.get('format')).toBe('csv');
    expect(q.get('limit')).toBe('50');
  });
});
