/**
 * What a browser gets for an address that is no page: one static page in both languages, in place of
 * the problem+json the API, health and metrics routes answer.
 */
export interface PageRequest {
  url?: string;
  method?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** A person's browser asking for a page (not the API, health or metrics, which always answer problem+json). */
export function isPageNavigation(request: PageRequest): boolean {
  const path = request.url?.split('?')[0] ?? '';
  const accept = String(request.headers?.accept ?? '');
  return request.method === 'GET' && accept.includes('text/html') && !/^\/(?:api|health|metrics)(?:\/|$)/.test(path);
}

/** Both languages at once: the page knows nothing of the reader (no script runs here). */
export const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Page not found · 页面不存在</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body>
<h1>Page not found</h1>
<p>There is no page at this address. <a href="/">Open an issue or follow one</a> · <a href="/help">Help center</a></p>
<h1 lang="zh-CN">页面不存在</h1>
<p lang="zh-CN">此地址没有页面。<a href="/">提交或跟踪问题</a> · <a href="/help?lang=zh-CN">帮助中心</a></p>
</body>
</html>
`;

/** The page has no script and no style; it shows the favicon only. */
export const NOT_FOUND_PAGE_POLICY = "default-src 'none'; img-src 'self'";
