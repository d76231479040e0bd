import { useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import { Notice } from '../../shared/ui/Notice.js';
import type { useLanguageModelRequest } from './use-language-model.js';

interface Props {
  label: MessageKey;
  request: ReturnType<typeof useLanguageModelRequest>;
  /** Receives the text to put in a field; the agent edits and sends it themselves. */
  onText(text: string): void;
  disabled?: boolean;
  testId: string;
}

/** "Draft a reply" / "Summarize": fills a field with the model's text, and says clearly when it could not. */
export function LanguageModelButton({ label, request, onText, disabled, testId }: Props) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <button
        type="button"
        data-testid={testId}
        disabled={disabled || request.busy}
        onClick={async () => {
          const text = await request.request();
          if (text !== null) onText(text);
        }}
      >
        {request.busy ? t('languageModel.working') : t(label)}
      </button>
      {request.failure && (
        <Notice tone="error">
          {t(request.failure.key)} <span className="muted">{request.failure.detail}</span>
        </Notice>
      )}
    </div>
  );
}
