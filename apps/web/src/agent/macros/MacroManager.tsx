import { useRef, useState } from 'react';
import type { MacroDefinition, MacroView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusHeadingOnShow } from '../../shared/ui/use-focus-return.js';
import { MacroForm } from './MacroForm.js';
import type { useMacros } from './use-macros.js';

interface Props {
  api: AgentApi;
  macros: ReturnType<typeof useMacros>;
  canShare: boolean;
  onBack(): void;
}

/** The agent's macros and their team's: list, create, edit, delete (`/agent/macros`). */
export function MacroManager({ api, macros, canShare, onBack }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<MacroView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusHeadingOnShow(title, true);

  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setEditing(null);
      setDone(message);
      macros.reload();
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const save = (definition: MacroDefinition) =>
    run(
      () =>
        editing && editing !== 'new'
          ? api.patch(`/api/macros/${editing.id}`, { ...definition, scope: undefined, teamId: undefined, expectedVersion: editing.version })
          : api.post('/api/macros', definition),
      t('macros.saved'),
    );

  return (
    <section className="stack" aria-labelledby="macro-manager-title" data-testid="macro-manager">
      <div className="row">
        <h1 id="macro-manager-title" ref={title}>{t('macros.manageTitle')}</h1>
        <button type="button" onClick={onBack}>
          {t('macros.back')}
        </button>
        {!editing && (
          <button type="button" className="primary" onClick={() => (setDone(null), setEditing('new'))}>
            {t('macros.new')}
          </button>
        )}
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {done && <Notice tone="success">{done}</Notice>}
      {macros.error && <Notice tone="error">{macros.error}</Notice>}
      {editing && <MacroForm key={editing === 'new' ? 'new' : editing.id} macro={editing === 'new' ? null : editing} canShare={canShare} busy={busy} onSave={(d) => void save(d)} onCancel={() => setEditing(null)} />}
      {macros.macros.length === 0 ? (
        <p className="card muted">{t('macros.none')}</p>
      ) : (
        <ul className="plain-list stack">
          {macros.macros.map((m) => (
            <li key={m.id} className="card">
              <strong>{m.name}</strong> <span className="badge badge-neutral">{t(`macros.scope.${m.scope}`)}</span> <span className="muted">{t('macros.owner', { name: m.owner.name })}</span>
              {m.manageable && (
                <span className="row">
                  <button type="button" onClick={() => (setDone(null), setEditing(m))} aria-label={`${t('macros.edit')} ${m.name}`}>
                    {t('macros.edit')}
                  </button>
                  <button type="button" className="danger" disabled={busy} onClick={() => void run(() => api.delete(`/api/macros/${m.id}`), t('macros.deleted'))} aria-label={`${t('macros.delete')} ${m.name}`}>
                    {t('macros.delete')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
