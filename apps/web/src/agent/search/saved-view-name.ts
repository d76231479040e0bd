import { SAVED_VIEW_PRESETS } from '@firsthand/domain';
import type { SavedView } from '@firsthand/http-contracts';
import type { Translate } from '../../shared/i18n/locale.js';

const PRESETS: ReadonlySet<string> = new Set(SAVED_VIEW_PRESETS);

/** A view made from a preset in the reader's language; a view someone named, as they named it. */
export function savedViewName(view: Pick<SavedView, 'name' | 'preset'>, t: Translate): string {
  return view.preset && PRESETS.has(view.preset) ? t(`search.view.preset.${view.preset}`) : view.name;
}
