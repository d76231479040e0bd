import { useRef, useState } from 'react';
import type { CannedReplyView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusHeadingOnShow, useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { CannedReplyForm } from './CannedReplyForm.js';
import { useCannedReplies, type ScopeFilter } from './use-canned-replies.js';
import './canned-replies.css';

/** `/agent/canned-replies`: the agent's personal replies and their team's, searched, added, changed, deleted. */
export function CannedRepliesPage() {
  const { t } = useI18n();
  const replies = useCannedReplies();
  const [editing, setEditing] = useState<CannedReplyView | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteFailed, setDeleteFailed] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Closing the form returns focus to the button that opened it; a save or a delete moves it to the notice.
  const focus = useFocusReturn();
  const noticeRef = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusHeadingOnShow(title, true);
  const list = useRef<HTMLUListElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButtonOf = (id: string) => list.current?.querySelector<HTMLElement>(`[data-reply-id="${id}"] [data-action="delete"]`);

  const openForm = (opener: HTMLElement, reply: CannedReplyView | 'new') => {
    focus.opened(opener);
    setNotice(null);
    setEditing(reply);
  };

  const askDelete = (id: string) => {
    setNotice(null);
    setDeleteFailed(null);
    setConfirming(id);
    focus.moveTo(() => confirmButton.current);
  };

  const keepReply = (id: string) => {
    setConfirming(null);
    focus.moveTo(() => deleteButtonOf(id));
  };

  const remove = async (reply: CannedReplyView) => {
    try {
      await replies.remove(reply.id);
      setConfirming(null);
      setNotice(t('canned.deleted', { title: reply.title }));
      focus.moveTo(() => noticeRef.current);
    } catch (error) {
      setDeleteFailed(problemText(error, t));
    }
  };

  return (
    <section className="canned-page" aria-labelledby="canned-title" data-testid="canned-replies-page">
      <div className="card stack">
        <h1 id="canned-title" ref={title}>
          {t('canned.title')}
        </h1>
        <p className="muted">{t('canned.intro')}</p>
        <div className="row">
          <Field label={t('canned.search')}>
            {(field) => <input {...field} type="search" value={replies.q} onChange={(e) => replies.setQ(e.target.value)} maxLength={100} />}
          </Field>
          <Field label={t('canned.filter')}>
            {(field) => (
              <select {...field} value={replies.scope} onChange={(e) => replies.setScope(e.target.value as ScopeFilter)}>
                <option value="all">{t('canned.filter.all')}</option>
                <option value="personal">{t('canned.scope.personal')}</option>
                <option value="team">{t('canned.scope.team')}</option>
              </select>
            )}
          </Field>
          <button type="button" className="primary" onClick={(e) => openForm(e.currentTarget, 'new')}>
            {t('canned.new')}
          </button>
        </div>
      </div>
      {editing && (
        <CannedReplyForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onCancel={() => {
            setEditing(null);
            focus.back(() => title.current);
          }}
          onSave={async (body) => {
            if (editing === 'new') await replies.create(body);
            else await replies.update(editing.id, { title: body.title, shortcut: body.shortcut, bodyEn: body.bodyEn, bodyZhCn: body.bodyZhCn });
            setEditing(null);
            setNotice(t('canned.saved', { title: body.title }));
            focus.moveTo(() => noticeRef.current);
          }}
        />
      )}
      {replies.error && <Notice tone="error">{replies.error}</Notice>}
      {deleteFailed && <Notice tone="error">{deleteFailed}</Notice>}
      {notice && (
        <Notice tone="success" ref={noticeRef}>
          {notice}
        </Notice>
      )}
      {replies.items === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : replies.items.length === 0 ? (
        <p className="card muted">{replies.q ? t('canned.noneFound') : t('canned.none')}</p>
      ) : (
        <ul className="canned-list" aria-label={t('canned.title')} ref={list}>
          {replies.items.map((reply) => (
            <li key={reply.id} className="canned-item" data-testid="canned-reply" data-reply-id={reply.id}>
              <div className="canned-item-head">
                <span className="canned-shortcut">/{reply.shortcut}</span>
                <span className="canned-title">{reply.title}</span>
                <span className="badge badge-neutral">{reply.scope === 'team' ? t('canned.scope.team') : t('canned.scope.personal')}</span>
                <span className="muted">{t('canned.uses', { count: reply.useCount })}</span>
              </div>
              {reply.bodyEn && (
                <p className="canned-body">
                  <span className="canned-body-lang">EN</span>
                  {reply.bodyEn}
                </p>
              )}
              {reply.bodyZhCn && (
                <p className="canned-body" lang="zh-CN">
                  <span className="canned-body-lang">中文</span>
                  {reply.bodyZhCn}
                </p>
              )}
              {reply.mayEdit && (
                <div className="row">
                  <button type="button" onClick={(e) => openForm(e.currentTarget, reply)} aria-label={t('canned.editOne', { title: reply.title })}>
                    {t('canned.edit')}
                  </button>
                  {confirming === reply.id ? (
                    <>
                      <button type="button" className="danger" ref={confirmButton} onClick={() => void remove(reply)}>
                        {t('canned.confirmDelete', { title: reply.title })}
                      </button>
                      <button type="button" onClick={() => keepReply(reply.id)}>
                        {t('app.cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="danger" data-action="delete" onClick={() => askDelete(reply.id)} aria-label={t('canned.deleteOne', { title: reply.title })}>
                      {t('canned.delete')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
