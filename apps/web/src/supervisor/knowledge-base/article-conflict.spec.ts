import { articleConflictOf } from './article-conflict.js';

const problem = (status: number, code: string, body: Record<string, unknown> = {}) => ({ status, type: `https://firsthand.dev/problems/${code}`, title: 'x', body: { type: `https://firsthand.dev/problems/${code}`, ...body } });

describe('article conflict', () => {
  it('recognises the 409 article-changed problem by its type and reads the newer version', () => {
    expect(articleConflictOf(problem(409, 'article-changed', { version: 2 }))).toEqual({ version: 2 });
  });

  it('keeps the conflict when the version is missing or not a version number', () => {
    expect(articleConflictOf(problem(409, 'article-changed'))).toEqual({ version: null });
    expect(articleConflictOf(problem(409, 'article-changed', { version: '2' }))).toEqual({ version: null });
    expect(articleConflictOf(problem(409, 'article-changed', { version: 0 }))).toEqual({ version: null });
  });

  it('is not fooled by other problems, the English detail, or things that are not problems', () => {
    expect(articleConflictOf(problem(409, 'article-slug-taken', { slug: 'refunds' }))).toBeNull();
    expect(articleConflictOf(problem(400, 'article-changed', { version: 2 }))).toBeNull();
    expect(articleConflictOf(new Error('Version 2 was saved after the one you edited; reload it and apply your change again.'))).toBeNull();
    expect(articleConflictOf(null)).toBeNull();
    expect(articleConflictOf('article-changed')).toBeNull();
  });
});
