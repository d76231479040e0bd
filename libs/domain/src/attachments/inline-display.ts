/**
 * Image types a browser may show in the page. Only raster formats: SVG carries script, and
 * everything else downloads as an attachment.
 */
export const INLINE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export function showsInline(contentType: string): boolean {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (INLINE_CONTENT_TYPES as readonly string[]).includes(bare);
}
