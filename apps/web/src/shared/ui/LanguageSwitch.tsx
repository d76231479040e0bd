import { useI18n } from '../i18n/i18n.js';
import { isUiLocale } from '../i18n/locale.js';

const NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch">
      <label htmlFor="language-switch">{t('app.language')}</label>
      <select id="language-switch" value={locale} onChange={(e) => isUiLocale(e.target.value) && setLocale(e.target.value)}>
        {Object.entries(NAMES).map(([value, name]) => (
          <option key={value} value={value} lang={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
