import { translate } from '../../shared/i18n/locale.js';
import { zhCN } from '../../shared/i18n/messages-zh-cn.js';
import { savedViewName } from './saved-view-name.js';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(zhCN, key, params);

describe('saved view names', () => {
  it("names a preset's view in the reader's language, and a view someone named as they named it", () => {
    expect(savedViewName({ name: 'VIP waiting', preset: 'vip_waiting' }, t)).toBe('VIP 客户待处理');
    expect(savedViewName({ name: 'Complaints', preset: null }, t)).toBe('Complaints');
    // A preset this bundle does not know yet (the API was deployed first): its stored name.
    expect(savedViewName({ name: 'Overdue replies', preset: 'overdue_replies' as never }, t)).toBe('Overdue replies');
  });
});
