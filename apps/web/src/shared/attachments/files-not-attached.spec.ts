import { DICTIONARIES, translate, type Translate, type UiLocale } from '../i18n/locale.js';
import { filesNotAttachedText } from './files-not-attached.js';

const translator = (locale: UiLocale): Translate => (key, params) => translate(DICTIONARIES[locale], key, params);

describe('files not attached, in words', () => {
  const files = [
    { filename: 'setup.exe', why: 'type' as const },
    { filename: 'scan.tiff', why: 'size' as const },
    { filename: 'p21.png', why: 'count' as const },
    { filename: '', why: 'count' as const, unnamed: 920 },
  ];

  it('names each file with why, and counts the unnamed rest, in English and Chinese', () => {
    expect(filesNotAttachedText(files, translator('en'))).toBe(
      'setup.exe (a type we do not take); scan.tiff (too large); p21.png (too many files in one message); …and 920 more files (too many files in one message)',
    );
    expect(filesNotAttachedText(files, translator('zh-CN'))).toBe('setup.exe（不支持此类文件）；scan.tiff（文件过大）；p21.png（单条消息附件过多）；……另有 920 个文件（单条消息附件过多）');
  });

  it('is nothing when every file was attached', () => {
    expect(filesNotAttachedText(undefined, translator('en'))).toBeNull();
    expect(filesNotAttachedText([], translator('en'))).toBeNull();
  });
});
