import { articlePlainText, htmlPlainText, renderArticleMarkdown, sanitizeArticleHtml } from './article-html.js';

describe('article HTML', () => {
  it('renders Markdown headings, lists, emphasis and links', () => {
    const html = renderArticleMarkdown('# 退款\n\n- **一** [docs](https://example.com/a)\n- *two*\n');
    expect(html).toContain('<h1>退款</h1>');
    expect(html).toContain('<strong>一</strong>');
    expect(html).toContain('<em>two</em>');
    expect(html).toContain('<a rel="nofollow noopener noreferrer" href="https://example.com/a">docs</a>');
  });

  it('never turns typed HTML into tags: scripts and handlers stay text', () => {
    const html = renderArticleMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript:, data: and other non-http links, keeping mailto and http(s)', () => {
    const html = renderArticleMarkdown('[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:help@example.com) [d](http://example.com)');
    expect(html).not.toMatch(/href="(?:javascript|data)/i);
    expect(sanitizeArticleHtml('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:x">b</a><a href="data:text/html,x">c</a>')).not.toMatch(/javascript|data:/i);
    expect(html).toContain('href="mailto:help@example.com"');
    expect(html).toContain('href="http://example.com"');
  });

  it('strips scripts, event handlers, styles and frames from stored HTML on render', () => {
    const stored = '<p onclick="steal()">Hi<script>alert(1)</script></p><iframe src="https://evil.example"></iframe><a href="javascript:x()" onmouseover="y()">l</a><style>p{}</style><svg onload="z()"></svg>';
    const clean = sanitizeArticleHtml(stored);
    expect(clean).not.toMatch(/onclick|onmouseover|onload|<script|alert|<iframe|<style|<svg|javascript:/i);
    expect(clean).toContain('<p>Hi</p>');
    expect(clean).toContain('>l</a>');
  });

  it('is stable: sanitizing sanitized HTML changes nothing', () => {
    const once = renderArticleMarkdown('A [link](https://example.com "t") and `code`\n\n| a | b |\n|:-:|---|\n| 1 | 2 |');
    expect(sanitizeArticleHtml(once)).toBe(once);
  });

  it('gives the plain text of a body for descriptions', () => {
    expect(articlePlainText('## Refunds\n\nMoney back in **3-5** days & <b>no</b> fees.')).toBe('Refunds Money back in 3-5 days & <b>no</b> fees.');
    // The stored HTML of the same body gives the same text, so a snippet needs no second rendering.
    const stored = renderArticleMarkdown('## Refunds\n\nMoney back in **3-5** days & <b>no</b> fees.\n\n- [policy](https://example.com/p)');
    expect(htmlPlainText(stored)).toBe('Refunds Money back in 3-5 days & <b>no</b> fees. policy');
  });
});
