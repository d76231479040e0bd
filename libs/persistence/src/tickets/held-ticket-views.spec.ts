import { HeldAnswers } from './held-ticket-views.js';

describe('HeldAnswers', () => {
  it('pushes the oldest out past its count', () => {
    const held = new HeldAnswers<string>(2, 1_000_000);
    held.keep('a', 'A', 1);
    held.keep('b', 'B', 1);
    held.keep('c', 'C', 1);
    expect([held.get('a'), held.get('b'), held.get('c')]).toEqual([undefined, 'B', 'C']);
  });

  it('pushes the oldest out past its size, and never keeps one answer bigger than all of it', () => {
    const held = new HeldAnswers<string>(100, 100);
    held.keep('a', 'A', 40);
    held.keep('b', 'B', 40);
    held.keep('c', 'C', 40);
    expect([held.get('a'), held.get('b'), held.get('c')]).toEqual([undefined, 'B', 'C']);
    held.keep('huge', 'H', 101);
    expect(held.get('huge')).toBeUndefined();
    expect(held.get('c')).toBe('C');
  });

  it('frees the size of what it drops, so a full store takes new answers again', () => {
    const held = new HeldAnswers<string>(100, 100);
    held.keep('a', 'A', 60);
    held.delete('a');
    held.keep('b', 'B', 60);
    held.keep('b', 'B2', 60);
    expect(held.get('b')).toBe('B2');
    held.clear();
    held.keep('c', 'C', 100);
    expect(held.get('c')).toBe('C');
  });
});
