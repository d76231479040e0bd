/**
 * The API's 409 `article-changed` problem (a newer version was saved than the one edited), told
 * apart from other failures by its problem type, never by its English detail. Structural, so this
 * module stays free of `fetch` and DOM types: an `ApiProblem` fits.
 */
export interface ArticleConflict {
  /** The version now saved on the server, when the problem named it. */
  version: number | null;
}

interface ProblemLike {
  status?: unknown;
  type?: unknown;
  body?: unknown;
}

const CODE = 'article-changed';

export function articleConflictOf(error: unknown): ArticleConflict | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, body } = error as ProblemLike;
  if (status !== 409 || typeof type !== 'string' || type.split('/').pop() !== CODE) return null;
  const version = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).version : undefined;
  return { version: typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : null };
}
