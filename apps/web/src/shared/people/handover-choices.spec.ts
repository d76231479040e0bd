import type { Colleague } from '@firsthand/http-contracts';
import { DICTIONARIES, translate, type Translate, type UiLocale } from '../i18n/locale.js';
import { handoverChoices } from './handover-choices.js';

const translator = (locale: UiLocale): Translate => (key, params) => translate(DICTIONARIES[locale], key, params);
const person = (name: string, presence: Colleague['presence']): Colleague => ({ id: name.toLowerCase().replace(' ', '-'), name, role: 'agent', teamId: null, presence });

describe('handover choices', () => {
  const people = [person('Ann Offline', 'offline'), person('Bo Online', 'online'), person('Cy Away', 'away'), person('Di Online', 'online')];

  it('puts the people at their console first, keeping the list order within each presence, and says where each is', () => {
    expect(handoverChoices(people, (p) => p.name, translator('en'))).toEqual([
      { id: 'bo-online', label: 'Bo Online · Online' },
      { id: 'di-online', label: 'Di Online · Online' },
      { id: 'cy-away', label: 'Cy Away · Away' },
      { id: 'ann-offline', label: 'Ann Offline · Offline' },
    ]);
  });

  it('in Chinese too, with the name as the caller gives it', () => {
    expect(handoverChoices([person('Li Wei', 'away')], (p) => `${p.name}（客服）`, translator('zh-CN'))).toEqual([{ id: 'li-wei', label: 'Li Wei（客服） · 离开' }]);
  });
});
