import { showsInline } from './inline-display.js';

describe('which attachments show inline', () => {
  it('shows PNG, JPEG, GIF and WebP images', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) expect(showsInline(type)).toBe(true);
  });

  it('downloads everything else, SVG included (it can carry script)', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf', 'text/plain; charset=utf-8', 'image/tiff', 'application/zip', '']) {
      expect(showsInline(type)).toBe(false);
    }
  });
});
