import { useState, type FormEvent } from 'react';
import type { ArticleCategoryView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';


type CategoryFields = Omit<ArticleCategoryView, 'id'>;
const fieldsOf = (c: ArticleCategoryView): CategoryFields => ({ slug: c.slug, nameEn: c.nameEn, nameZhCn: c.nameZhCn, botMayAnswer: c.botMayAnswer, position: c.position });
const blankCategory = { slug: '', nameEn: '', nameZhCn: '', botMayAnswer: false };

/**
 * The knowledge base's categories: add, rename in both languages, reorder, and say whether the bot
 * may answer tickets with a category's articles. `categories` come in their order; `onChanged`
 * reloads them after every save (the server's order and names are the truth).
 */
export function CategoriesEditor({ categories, onChanged, onError }: { categories: ArticleCategoryView[]; onChanged: () => Promise<void>; onError: (text: string | null) => void }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const [names, setNames] = useState<Record<string, { nameEn: string; nameZhCn: string }>>({});
  const [adding, setAdding] = useState(blankCategory);
  const [busy, setBusy] = useState(false);

  // Unsaved renames per row, kept across reloads (another row's save must not wipe them); dropped once saved.

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    onError(null);
    try {
      await work();
    } catch (e) {
      onError(problemText(e, t));
    } finally {
      await onChanged();
      setBusy(false);
    }
  };

  const put = (c: ArticleCategoryView, change: Partial<CategoryFields>) => api.put<ArticleCategoryView>(`/api/kb/categories/${c.id}`, { ...fieldsOf(c), ...change });

  const rename = (c: ArticleCategoryView) =>
    run(async () => {
      await put(c, { nameEn: names[c.id]?.nameEn ?? c.nameEn, nameZhCn: names[c.id]?.nameZhCn ?? c.nameZhCn });
      setNames(({ [c.id]: _saved, ...rest }) => rest);
    });

  // Positions become 0..n-1 in the new order; only the categories whose position changes are saved.
  const move = (index: number, by: -1 | 1) =>
    run(async () => {
      const order = [...categories];
      [order[index], order[index + by]] = [order[index + by], order[index]];
      for (const [position, c] of order.entries()) if (c.position !== position) await put(c, { position });
    });

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post<ArticleCategoryView>('/api/kb/categories', { ...adding, slug: adding.slug.trim(), position: categories.length });
      setAdding(blankCategory);
    });
  };

  const setName = (c: ArticleCategoryView, field: 'nameEn' | 'nameZhCn', value: string) =>
    setNames((n) => ({ ...n, [c.id]: { ...(n[c.id] ?? { nameEn: c.nameEn, nameZhCn: c.nameZhCn }), [field]: value } }));

  return (
    <section className="card kb-categories" aria-labelledby="kb-categories-title">
      <h3 id="kb-categories-title">{t('kb.categories')}</h3>
      {categories.length > 0 && (
        <table className="rows-on-phone">
          <thead>
            <tr>
              <th>{t('kb.slug')}</th>
              <th>{t('kb.categoryNameZhCn')}</th>
              <th>{t('kb.categoryNameEn')}</th>
              <th>{t('kb.botMayAnswer')}</th>
              <th>{t('kb.categoryOrder')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c.id} aria-label={c.slug}>
                <td>
                  <code>{c.slug}</code>
                </td>
                <td data-label={t('kb.categoryNameZhCn')}>
                  <input aria-label={t('kb.categoryNameZhCnOf', { slug: c.slug })} lang="zh-CN" maxLength={80} value={names[c.id]?.nameZhCn ?? c.nameZhCn} onChange={(e) => setName(c, 'nameZhCn', e.target.value)} />
                </td>
                <td data-label={t('kb.categoryNameEn')}>
                  <input aria-label={t('kb.categoryNameEnOf', { slug: c.slug })} lang="en" maxLength={80} value={names[c.id]?.nameEn ?? c.nameEn} onChange={(e) => setName(c, 'nameEn', e.target.value)} />
                </td>
                <td data-label={t('kb.botMayAnswer')}>
                  <input type="checkbox" aria-label={t('kb.botMayAnswerOf', { slug: c.slug })} checked={c.botMayAnswer} disabled={busy} onChange={(e) => void run(() => put(c, { botMayAnswer: e.target.checked }))} />
                </td>
                <td className="kb-category-order">
                  <button type="button" aria-label={t('kb.moveUpOf', { slug: c.slug })} title={t('kb.moveUp')} disabled={busy || i === 0} onClick={() => void move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={t('kb.moveDownOf', { slug: c.slug })} title={t('kb.moveDown')} disabled={busy || i === categories.length - 1} onClick={() => void move(i, 1)}>
                    ↓
                  </button>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={busy || ((names[c.id]?.nameEn ?? c.nameEn) === c.nameEn && (names[c.id]?.nameZhCn ?? c.nameZhCn) === c.nameZhCn)}
                    onClick={() => void rename(c)}
                    aria-label={t('kb.saveCategoryOf', { slug: c.slug })}
                  >
                    {t('kb.saveCategory')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="kb-row kb-category-add" onSubmit={add} aria-label={t('kb.addCategory')}>
        <Field label={t('kb.slug')}>
          {(field) => <input {...field} required maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" value={adding.slug} onChange={(e) => setAdding((a) => ({ ...a, slug: e.target.value }))} />}
        </Field>
        <Field label={t('kb.categoryNameZhCn')}>
          {(field) => <input {...field} required lang="zh-CN" maxLength={80} value={adding.nameZhCn} onChange={(e) => setAdding((a) => ({ ...a, nameZhCn: e.target.value }))} />}
        </Field>
        <Field label={t('kb.categoryNameEn')}>
          {(field) => <input {...field} required lang="en" maxLength={80} value={adding.nameEn} onChange={(e) => setAdding((a) => ({ ...a, nameEn: e.target.value }))} />}
        </Field>
        <label className="kb-category-bot">
          <input type="checkbox" checked={adding.botMayAnswer} onChange={(e) => setAdding((a) => ({ ...a, botMayAnswer: e.target.checked }))} /> {t('kb.botMayAnswer')}
        </label>
        <p>
          <button type="submit" disabled={busy}>
            {t('kb.addCategory')}
          </button>
        </p>
      </form>
    </section>
  );
}
