import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ArticleCategoryList, ArticleCategoryView, ArticleList, ArticlePreview, ArticleVersionList, ArticleVersionView, ArticleView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useCurrentT, useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { SupervisorPage } from '../calendars/SupervisorNav.js';
import { ArticleConflictNotice, type UnsavedText } from './ArticleConflictNotice.js';
import { articleConflictOf } from './article-conflict.js';
import { CategoriesEditor } from './CategoriesEditor.js';
import './knowledge-base.css';


interface Draft {
  categoryId: string;
  slug: string;
  status: 'draft' | 'published';
  audience: 'public' | 'internal';
  titleEn: string;
  bodyEn: string;
  titleZhCn: string;
  bodyZhCn: string;
}

const emptyDraft = (categoryId: string): Draft => ({ categoryId, slug: '', status: 'draft', audience: 'public', titleEn: '', bodyEn: '', titleZhCn: '', bodyZhCn: '' });
const fromArticle = (a: ArticleView): Draft => ({
  categoryId: a.categoryId,
  slug: a.slug,
  status: a.status,
  audience: a.audience,
  titleEn: a.titleEn ?? '',
  bodyEn: a.bodyEn ?? '',
  titleZhCn: a.titleZhCn ?? '',
  bodyZhCn: a.bodyZhCn ?? '',
});
const orNull = (text: string) => (text.trim() ? text : null);

/** `/supervisor/kb`: the knowledge base for seniors, supervisors and admins: its categories, and its articles (list, write, preview, publish, versions). */
export function KnowledgeBasePage() {
  const { t, locale, dateTime } = useI18n();
  const tNow = useCurrentT();
  const api = useAgentApi();
  const [articles, setArticles] = useState<ArticleView[] | null>(null);
  const [categories, setCategories] = useState<ArticleCategoryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // null: no form; 'new': writing a new one; otherwise the article being edited.
  const [editing, setEditing] = useState<ArticleView | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<{ en: string; zh: string } | null>(null);
  const [versions, setVersions] = useState<ArticleVersionView[]>([]);
  /** Where the older versions start (the list comes a page at a time); null when all are shown. */
  const [olderBefore, setOlderBefore] = useState<number | null>(null);
  const showHistory = (history: ArticleVersionList) => {
    setVersions(history.items);
    setOlderBefore(history.nextBefore ?? null);
  };
  const versionsOf = (id: string, before?: number) => api.get<ArticleVersionList>(`/api/kb/articles/${id}/versions${before ? `?before=${before}` : ''}`);
  const [shownVersion, setShownVersion] = useState<ArticleVersionView | null>(null);
  // A save refused because someone saved meanwhile: `mine` holds the refused text once the newer version is loaded.
  const [conflict, setConflict] = useState<{ version: number | null; mine: UnsavedText | null } | null>(null);

  const reload = useCallback(async () => {
    try {
      const [list, cats] = await Promise.all([api.get<ArticleList>('/api/kb/articles?limit=100'), api.get<ArticleCategoryList>('/api/kb/categories')]);
      setArticles(list.items);
      setCategories(cats.items);
    } catch (e) {
      setError(problemText(e, tNow));
    }
  }, [api, tNow]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // `?article=<id>` opens that article in the editor: where "turn this resolution into an article" lands.
  const askedParams = new URLSearchParams(window.location.search);
  const asked = askedParams.get('article');
  const removedData = askedParams.get('removed');
  const [openedAsked, setOpenedAsked] = useState(false);
  useEffect(() => {
    if (!asked || openedAsked || !articles) return;
    const found = articles.find((a) => a.id === asked);
    setOpenedAsked(true);
    if (found) void open(found);
  });

  const open = async (article: ArticleView | 'new') => {
    setEditing(article);
    setPreview(null);
    setShownVersion(null);
    setNotice(null);
    setError(null);
    setConflict(null);
    setDraft(article === 'new' ? emptyDraft(categories[0]?.id ?? '') : fromArticle(article));
    showHistory(article === 'new' ? { items: [], nextBefore: null } : await versionsOf(article.id).catch(() => ({ items: [], nextBefore: null })));
  };

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d));

  const showPreview = async () => {
    if (!draft) return;
    try {
      const [en, zh] = await Promise.all([
        draft.bodyEn.trim() ? api.post<ArticlePreview>('/api/kb/preview', { body: draft.bodyEn }) : Promise.resolve({ html: '' }),
        draft.bodyZhCn.trim() ? api.post<ArticlePreview>('/api/kb/preview', { body: draft.bodyZhCn }) : Promise.resolve({ html: '' }),
      ]);
      setPreview({ en: en.html, zh: zh.html });
    } catch (e) {
      setError(problemText(e, t));
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !editing) return;
    setError(null);
    const body = {
      categoryId: draft.categoryId,
      status: draft.status,
      audience: draft.audience,
      titleEn: orNull(draft.titleEn),
      bodyEn: orNull(draft.bodyEn),
      titleZhCn: orNull(draft.titleZhCn),
      bodyZhCn: orNull(draft.bodyZhCn),
      ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    };
    try {
      const saved = editing === 'new' ? await api.post<ArticleView>('/api/kb/articles', body) : await api.patch<ArticleView>(`/api/kb/articles/${editing.id}`, { ...body, baseVersion: editing.version });
      setNotice(t('kb.saved', { version: saved.version }));
      setConflict(null);
      setEditing(saved);
      setDraft(fromArticle(saved));
      showHistory(await versionsOf(saved.id));
      await reload();
    } catch (e) {
      const refused = articleConflictOf(e);
      if (!refused) {
        setError(problemText(e, t));
        return;
      }
      setNotice(null);
      setConflict({ version: refused.version, mine: null });
      await reload();
    }
  };

  const loadNewer = async () => {
    if (!draft || !editing || editing === 'new') return;
    try {
      const [fresh, history] = await Promise.all([api.get<ArticleView>(`/api/kb/articles/${editing.id}`), versionsOf(editing.id)]);
      const { titleZhCn, bodyZhCn, titleEn, bodyEn } = draft;
      setConflict({ version: fresh.version, mine: { titleZhCn, bodyZhCn, titleEn, bodyEn } });
      setEditing(fresh);
      setDraft(fromArticle(fresh));
      setPreview(null);
      showHistory(history);
    } catch (e) {
      setError(problemText(e, t));
    }
  };

  const showOlder = async () => {
    if (!editing || editing === 'new' || olderBefore === null) return;
    try {
      const older = await versionsOf(editing.id, olderBefore);
      setVersions((shown) => [...shown, ...older.items]);
      setOlderBefore(older.nextBefore);
    } catch (e) {
      setError(problemText(e, t));
    }
  };

  const categoryName = (id: string) => {
    const c = categories.find((cat) => cat.id === id);
    return c ? (locale === 'zh-CN' ? c.nameZhCn : c.nameEn) : id;
  };
  const removedKinds = (codes: string) =>
    codes.split(',').map((c) => c.trim()).filter((c): c is 'email' | 'phone' | 'customer-name' => ['email', 'phone', 'customer-name'].includes(c)).map((c) => t(`assist.kind.${c}`)).join(locale === 'zh-CN' ? '、' : ', ');
  const titleOf = (a: ArticleView) => (locale === 'zh-CN' ? (a.titleZhCn ?? a.titleEn) : (a.titleEn ?? a.titleZhCn)) ?? t('kb.untitled');

  return (
    <SupervisorPage current="/supervisor/kb" title={t('kb.title')} intro={t('kb.intro')} error={error}>
      {notice && <Notice tone="success">{notice}</Notice>}
      {removedData && editing && editing !== 'new' && editing.id === asked && <Notice tone="warning">{t('assist.removed', { kinds: removedKinds(removedData) })}</Notice>}
      {categories.length === 0 && articles && <Notice tone="warning">{t('kb.noCategories')}</Notice>}
      {articles && <CategoriesEditor categories={categories} onChanged={reload} onError={setError} />}
      <p>
        <button type="button" className="primary" onClick={() => void open('new')} disabled={categories.length === 0}>
          {t('kb.new')}
        </button>
      </p>
      {!articles ? (
        <p role="status">{t('app.loading')}</p>
      ) : articles.length === 0 ? (
        <p>{t('kb.empty')}</p>
      ) : (
        <table className="kb-articles rows-on-phone">
          <thead>
            <tr>
              <th>{t('kb.titleColumn')}</th>
              <th>{t('kb.category')}</th>
              <th>{t('kb.status')}</th>
              <th>{t('kb.audience')}</th>
              <th>{t('kb.versions')}</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <button type="button" className="link" onClick={() => void open(a)}>
                    {titleOf(a)}
                  </button>
                </td>
                <td data-label={t('kb.category')}>{categoryName(a.categoryId)}</td>
                <td data-label={t('kb.status')}>{t(a.status === 'published' ? 'kb.status.published' : 'kb.status.draft')}</td>
                <td data-label={t('kb.audience')}>{t(a.audience === 'internal' ? 'kb.audience.internal' : 'kb.audience.public')}</td>
                <td data-label={t('kb.versions')}>{a.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft && editing && (
        <form className="card kb-editor" onSubmit={save} aria-label={editing === 'new' ? t('kb.new') : titleOf(editing)}>
          <div className="kb-row">
            <Field label={t('kb.category')}>
              {(field) => (
                <select {...field} value={draft.categoryId} onChange={(e) => set('categoryId')(e.target.value)}>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {locale === 'zh-CN' ? c.nameZhCn : c.nameEn}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('kb.status')}>
              {(field) => (
                <select {...field} value={draft.status} onChange={(e) => set('status')(e.target.value)}>
                  <option value="draft">{t('kb.status.draft')}</option>
                  <option value="published">{t('kb.status.published')}</option>
                </select>
              )}
            </Field>
            <Field label={t('kb.audience')}>
              {(field) => (
                <select {...field} value={draft.audience} onChange={(e) => set('audience')(e.target.value)}>
                  <option value="public">{t('kb.audience.public')}</option>
                  <option value="internal">{t('kb.audience.internal')}</option>
                </select>
              )}
            </Field>
            <Field label={t('kb.slug')}>{(field) => <input {...field} value={draft.slug} maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" onChange={(e) => set('slug')(e.target.value)} />}</Field>
          </div>
          <div className="kb-languages">
            <div>
              <Field label={t('kb.titleZhCn')}>{(field) => <input {...field} lang="zh-CN" value={draft.titleZhCn} maxLength={160} onChange={(e) => set('titleZhCn')(e.target.value)} />}</Field>
              <Field label={t('kb.bodyZhCn')}>{(field) => <textarea {...field} lang="zh-CN" rows={10} value={draft.bodyZhCn} maxLength={50000} onChange={(e) => set('bodyZhCn')(e.target.value)} />}</Field>
              {/* Server-rendered and sanitized by the same allow-list as on save. */}
              {preview?.zh && <div className="kb-preview" lang="zh-CN" dangerouslySetInnerHTML={{ __html: preview.zh }} />}
            </div>
            <div>
              <Field label={t('kb.titleEn')}>{(field) => <input {...field} lang="en" value={draft.titleEn} maxLength={160} onChange={(e) => set('titleEn')(e.target.value)} />}</Field>
              <Field label={t('kb.bodyEn')}>{(field) => <textarea {...field} lang="en" rows={10} value={draft.bodyEn} maxLength={50000} onChange={(e) => set('bodyEn')(e.target.value)} />}</Field>
              {preview?.en && <div className="kb-preview" lang="en" dangerouslySetInnerHTML={{ __html: preview.en }} />}
            </div>
          </div>
          <p className="kb-actions">
            <button type="button" onClick={() => void showPreview()}>
              {t('kb.preview')}
            </button>
            <button type="submit" className="primary" aria-describedby={conflict ? 'kb-conflict' : undefined}>
              {t('kb.save')}
            </button>
            {editing !== 'new' && editing.helpUrl && (
              <a href={`/help/articles/${editing.slug}?lang=${locale}`} target="_blank" rel="noopener">
                {t('kb.open')}
              </a>
            )}
          </p>
          {conflict && <ArticleConflictNotice id="kb-conflict" version={conflict.version} mine={conflict.mine} onLoadNewer={() => void loadNewer()} onHide={() => setConflict(null)} />}
          {versions.length > 0 && (
            <section aria-labelledby="kb-versions">
              <h3 id="kb-versions">{t('kb.versions')}</h3>
              <ul className="kb-versions">
                {versions.map((v) => (
                  <li key={v.version}>
                    {t('kb.versionLine', { version: v.version, when: dateTime(v.savedAt), who: v.savedByName ?? '—' })}{' '}
                    <button type="button" className="link" onClick={() => setShownVersion(v)} aria-label={t('kb.showVersionOf', { version: v.version })}>
                      {t('kb.showVersion')}
                    </button>
                  </li>
                ))}
              </ul>
              {olderBefore !== null && (
                <button type="button" className="link" onClick={() => void showOlder()}>
                  {t('kb.olderVersions')}
                </button>
              )}
              {shownVersion && (
                <pre className="kb-version" aria-label={t('kb.versionLine', { version: shownVersion.version, when: '', who: '' })}>
                  {[shownVersion.titleZhCn, shownVersion.bodyZhCn, shownVersion.titleEn, shownVersion.bodyEn].filter(Boolean).join('\n\n')}
                </pre>
              )}
            </section>
          )}
        </form>
      )}
    </SupervisorPage>
  );
}
