import type { FileNotAttached } from '@firsthand/domain';
import type { Translate } from '../i18n/locale.js';

const WHY = { type: 'files.notAttached.type', size: 'files.notAttached.size', count: 'files.notAttached.count' } as const satisfies Record<FileNotAttached['why'], string>;

/** The files a customer's mail carried that were not attached, each with why, in the reader's language ("a.exe (a type we do not take); …and 920 more files"). */
export function filesNotAttachedText(files: readonly FileNotAttached[] | undefined, t: Translate): string | null {
  if (!files?.length) return null;
  const why = (file: FileNotAttached) => t(WHY[file.why]);
  return files
    .map((file) => (file.unnamed ? t('files.notAttached.unnamed', { count: file.unnamed, why: why(file) }) : t('files.notAttached.one', { name: file.filename, why: why(file) })))
    .join(t('files.notAttached.separator'));
}
