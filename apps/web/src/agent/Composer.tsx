import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TicketView } from '@firsthand/http-contracts';
import { eventBody } from '../shared/i18n/event-label.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import type { useTicketCommand } from './use-ticket-command.js';
import { Field } from '../shared/ui/Field.js';
import { AttachmentPicker } from '../shared/attachments/AttachmentPicker.js';
import { useUploads } from '../shared/attachments/use-uploads.js';
import { DRAFT_KEY_PREFIX, useAgentApi } from '../shared/session/agent-session.js';
import { CannedReplyPopup } from './canned-replies/CannedReplyPopup.js';
import { useCannedReplyPicker } from './canned-replies/use-canned-reply-picker.js';
import { LanguageModelButton } from './language-model/LanguageModelButton.js';
import type { useLanguageModelRequest } from './language-model/use-language-model.js';
import type { AssistInsertion } from './assist/AssistPanel.js';

interface ComposerProps {
  ticket: TicketView;
  meId: string;
  lastSeq: number;
  command: ReturnType<typeof useTicketCommand>;
  onTyping(): void;
  onSent(): void;
  autoFocus: boolean;
  /** Drafting by the language model, when the helpdesk has one: it fills the reply box, never sends. */
  draft?: ReturnType<typeof useLanguageModelRequest> | null;
  /** The last suggestion inserted from the assist panel: added to the text, and named with the message. */
  insertion?: AssistInsertion | null;
}

/**
 * Public reply or internal note, with files uploaded as they are chosen. Only the owner starts on a
 * public reply: anyone else starts on an internal note, so a colleague's note never reaches the
 * customer by accident. A public reply on an unowned ticket claims it: its button says so and asks
 * once before sending. A public reply carries the last seq on screen when the agent began writing
 * it (a message that arrives live while they type is not one they have read); when the customer
 * wrote after that it is refused, and their new message is shown here before the agent sends again (the
 * files stay chosen).
 */
export function Composer({ ticket, meId, lastSeq, command, onTyping, onSent, autoFocus, draft = null, insertion = null }: ComposerProps) {
  const { t } = useI18n();
  const ownedByOther = ticket.owner !== null && ticket.owner.id !== meId;
  const mine = ticket.owner?.id === meId;
  const [visibility, setVisibility] = useState<'public' | 'internal'>(mine ? 'public' : 'internal');
  // Once the agent picks a kind themselves, a change of owner no longer switches it for them.
  const [picked, setPicked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The draft outlives the page in this tab: a session ended elsewhere, a reload or a slip of the
  // back button must not throw away what the agent was typing.
  const draftKey = `${DRAFT_KEY_PREFIX}${meId}.${ticket.id}`;
  const [body, setBody] = useState(() => sessionStorage.getItem(draftKey) ?? '');
  useEffect(() => {
    if (body) sessionStorage.setItem(draftKey, body);
    else sessionStorage.removeItem(draftKey);
  }, [draftKey, body]);
  // The last seq on screen when this reply was begun; what the customer writes after it must be read first.
  const [seenSeq, setSeenSeq] = useState<number | null>(null);
  useEffect(() => {
    if (!body.trim()) setSeenSeq(null);
    else setSeenSeq((seen) => seen ?? (lastSeq > 0 ? lastSeq : null));
  }, [body, lastSeq]);
  // A refusal shows what the customer wrote: from then on those messages count as read.
  useEffect(() => {
    if (command.stale?.length) setSeenSeq((seen) => Math.max(seen ?? 0, ...command.stale!.map((e) => e.seq)));
  }, [command.stale]);
  const area = useRef<HTMLTextAreaElement>(null);
  const uploads = useUploads(useAgentApi().token);
  const cannedReplies = useCannedReplyPicker({ ticketId: ticket.id, area, text: body, setText: setBody });
  const [used, setUsed] = useState<AssistInsertion | null>(null);

  useEffect(() => {
    if (!insertion) return;
    setBody((text) => (text.trim() ? `${text.trimEnd()}\n\n${insertion.text}` : insertion.text).slice(0, 20000));
    setUsed(insertion);
    area.current?.focus();
  }, [insertion]);
  // An emptied box no longer uses what was inserted.
  useEffect(() => {
    if (!body.trim()) setUsed(null);
  }, [body]);

  // A reply begun for the customer that can no longer reach them (the ticket went to someone else
  // while it was written) is said out loud: it would otherwise go out quietly as an internal note.
  const [draftTurnedInternal, setDraftTurnedInternal] = useState(false);
  useEffect(() => {
    if (ownedByOther) {
      if (visibility === 'public' && body.trim()) setDraftTurnedInternal(true);
      setVisibility('internal');
    } else {
      setDraftTurnedInternal(false);
      if (mine && !picked) setVisibility('public');
    }
    // Only a change of owner moves it: the draft and the kind are read as they stand then.
  }, [ownedByOther, mine, picked]);
  useEffect(() => {
    if (!body.trim()) setDraftTurnedInternal(false);
  }, [body]);
  // Files attached while writing an internal note were labelled "agents only": a switch to a public
  // reply must not send them to the customer unless the agent says so.
  const [internalFiles, setInternalFiles] = useState<ReadonlySet<string>>(new Set());
  const [sharedFiles, setSharedFiles] = useState<ReadonlySet<string>>(new Set());
  const internalFilesNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (visibility !== 'internal') return;
    setInternalFiles((marked) => {
      const fresh = uploads.items.filter((item) => !marked.has(item.key)).map((item) => item.key);
      return fresh.length ? new Set([...marked, ...fresh]) : marked;
    });
  }, [visibility, uploads.items]);
  const exposed = visibility === 'public' ? uploads.items.filter((item) => internalFiles.has(item.key) && !sharedFiles.has(item.key)) : [];
  const claims = !ticket.owner && visibility === 'public';
  useEffect(() => {
    if (!claims) setConfirming(false);
  }, [claims]);
  useEffect(() => {
    if (autoFocus) area.current?.focus();
  }, [autoFocus]);

  const choose = (kind: 'public' | 'internal') => {
    setPicked(true);
    setVisibility(kind);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (exposed.length > 0) {
      internalFilesNotice.current?.focus();
      return;
    }
    if (claims && !confirming) {
      setConfirming(true);
      return;
    }
    await send();
  };

  const send = async () => {
    setConfirming(false);
    const files = uploads.refs.length > 0 ? { attachments: uploads.refs } : {};
    const extras = { ...files, ...(used ? { suggestion: used.suggestion } : {}) };
    const payload = visibility === 'public' ? { body, visibility, expectedSeq: seenSeq ?? lastSeq, ...extras } : { body, visibility, ...extras };
    if (await command.run('messages', payload)) {
      setBody('');
      uploads.clear();
      onSent();
    }
  };

  const closed = ticket.status === 'closed';
  return (
    <form className="card composer" onSubmit={submit} aria-labelledby="composer-title">
      <h2 id="composer-title">{t('composer.title')}</h2>
      {command.stale && (
        <div className="notice notice-warning" role="alert" data-testid="stale-notice">
          <p>{t('composer.stale')}</p>
          <ul>
            {command.stale.map((e) => (
              <li key={e.seq}>
                <strong>
                  {e.actor.type === 'system' ? '' : e.actor.name}
                  {t('app.colon')}
                </strong>
                {eventBody(e) ?? ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {command.error && <Notice tone="error">{command.error}</Notice>}
      <fieldset className="row">
        <legend>{t('composer.kind')}</legend>
        <label className="choice">
          <input type="radio" name="visibility" value="public" checked={visibility === 'public'} disabled={ownedByOther} onChange={() => choose('public')} />
          {t('composer.public')}
        </label>
        <label className="choice">
          <input type="radio" name="visibility" value="internal" checked={visibility === 'internal'} onChange={() => choose('internal')} />
          {t('composer.internal')}
        </label>
      </fieldset>
      {ownedByOther && draftTurnedInternal && visibility === 'internal' ? (
        <div className="notice notice-warning" role="alert" data-testid="draft-turned-internal">
          <p>{t('composer.draftTurnedInternal', { name: ticket.owner?.name ?? '' })}</p>
        </div>
      ) : (
        ownedByOther && <p className="muted">{t('composer.ownerOnly', { name: ticket.owner?.name ?? '' })}</p>
      )}
      {claims && <p className="muted">{t('composer.claimsIt')}</p>}
      {!mine && !ownedByOther && visibility === 'internal' && <p className="muted" data-testid="composer-default-note">{t('composer.notOwnerDefault')}</p>}
      <Field label={t('composer.body')}>
        {(field) => (
          <textarea {...field}
            {...cannedReplies.textareaProps}
            ref={area}
            name="body"
            required
            maxLength={20000}
            value={body}
            disabled={closed}
            onChange={(e) => {
              setBody(e.target.value);
              onTyping();
            }}
            onKeyDown={cannedReplies.onKeyDown}
            onSelect={cannedReplies.track}
          />
        )}
      </Field>
      {used && <p className="muted" data-testid="composer-suggestion">{t('assist.using', { title: used.title })}</p>}
      <CannedReplyPopup picker={cannedReplies} />
      {draft && (
        <LanguageModelButton
          label="languageModel.draft"
          request={draft}
          testId="draft-reply"
          disabled={closed}
          onText={(text) => {
            setBody(text.slice(0, 20000));
            area.current?.focus();
          }}
        />
      )}
      <AttachmentPicker uploads={uploads} disabled={closed} internal={visibility === 'internal'} />
      {exposed.length > 0 && (
        <div className="notice notice-warning" role="alert" tabIndex={-1} ref={internalFilesNotice} data-testid="internal-files-notice">
          <p>{t('composer.internalFilesPublic', { files: exposed.map((item) => item.filename).join(', ') })}</p>
          <div className="row">
            <button type="button" onClick={() => exposed.forEach((item) => uploads.remove(item.key))}>
              {t('composer.removeInternalFiles')}
            </button>
            <button type="button" onClick={() => setSharedFiles((shared) => new Set([...shared, ...exposed.map((item) => item.key)]))}>
              {t('composer.shareInternalFiles')}
            </button>
          </div>
        </div>
      )}
      {confirming ? (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby="confirm-claim-text" data-testid="confirm-claim">
          <p id="confirm-claim-text">{t('composer.confirmClaim', { code: ticket.code })}</p>
          <div className="row">
            <button type="button" className="primary" autoFocus disabled={command.busy} onClick={() => void send()}>
              {t('composer.confirmYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={command.busy || closed || !body.trim() || uploads.uploading || Boolean(uploads.excess)}>
          {command.busy ? t('composer.sending') : command.stale ? t('composer.sendAgain') : claims ? t('composer.replyAndClaim') : t('composer.send')}
        </button>
      )}
    </form>
  );
}
