import type { Browser, Locator } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Self-service on the new-issue form, the help center on a phone and the supervisor's categories editor, in real Chromium against the built API. */
describe('knowledge base: the form\'s suggestions and the help center (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let refundId: string;
  let supervisorEmail: string;
  let senior: TestAgent;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    senior = await stack.factory.agent('senior', team, 'Chen Jie');
    supervisorEmail = (await stack.factory.agent('supervisor', team, 'Zhou Min')).email;
    const refunds = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款' }).expect(201)).body.id;
    refundId = (
      await stack.http
        .post('/api/kb/articles')
        .set(senior.auth)
        .send({
          categoryId: refunds,
          status: 'published',
          slug: 'how-to-request-a-refund',
          titleEn: 'How to request a refund',
          bodyEn: 'Ask within **30 days** of delivery in *My orders*.',
          titleZhCn: '如何申请退款',
          bodyZhCn: '签收后 **30 天**内，在“我的订单”中点击**申请退款**。退款会原路退回，通常 3-5 个工作日到账，如有疑问请联系客服，我们会尽快为您处理退款相关的所有问题。',
        })
        .expect(201)
    ).body.id;
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the refund article as 退款 is typed; "this answered my question" records it and opens no ticket', async () => {
    const { page } = await pages.open({ locale: 'zh-CN' });
    await page.goto(stack.baseUrl);
    await page.locator('input[name="subject"]').fill('退款');
    const suggestion = page.locator('.suggested-articles li', { hasText: '如何申请退款' });
    await suggestion.waitFor({ timeout: 5000 });
    expect(await suggestion.getByRole('link').getAttribute('href')).toBe('/help/articles/how-to-request-a-refund?lang=zh-CN');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'new-issue-suggestions', { doc: true });

    await suggestion.getByRole('button', { name: '这解决了我的问题' }).click();
    await page.getByRole('heading', { name: '很高兴帮到您' }).waitFor();
    const deflections = await stack.database.db.query(`SELECT article_id, query, locale FROM kb_deflections`);
    expect(deflections).toEqual([{ article_id: refundId, query: '退款', locale: 'zh-CN' }]);
    const [tickets] = await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets`);
    expect(tickets.n).toBe(0);
  });

  it('serves /help on a phone: readable without sideways scrolling, searchable, each article its own page', async () => {
    const { page } = await pages.open({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;
    await page.goto(`${stack.baseUrl}/help`);
    expect(await page.title()).toBe('帮助中心');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await fitsWidth()).toBe(true);

    await page.getByLabel('搜索帮助中心').fill('退款');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/help\/search\?q=/);
    await page.getByRole('link', { name: '如何申请退款' }).click();
    await page.waitForURL(/\/help\/articles\/how-to-request-a-refund/);
    expect(await page.title()).toBe('如何申请退款 · 帮助中心');
    expect(await fitsWidth()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'help-center-phone', { doc: true, fullPage: true });

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'How to request a refund' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
  });

  it('edits the categories: adds one, refuses a taken slug, renames in both languages, reorders, lets the bot answer', async () => {
    const { page } = await pages.open({ locale: 'en' });
    await signIn(page, `${stack.baseUrl}/supervisor`, supervisorEmail, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
    const editor = page.getByRole('region', { name: 'Categories' });
    const refunds = editor.getByRole('row', { name: 'refunds' });
    await refunds.waitFor();

    const add = editor.getByRole('form', { name: 'Add category' });
    await add.getByLabel('Address (slug)').fill('delivery');
    await add.getByLabel('Name (Chinese)').fill('配送');
    await add.getByLabel('Name (English)').fill('Delivery');
    await add.getByLabel('The bot may answer with these articles').check();
    await add.getByRole('button', { name: 'Add category' }).click();
    const delivery = editor.getByRole('row', { name: 'delivery' });
    await delivery.waitFor();
    // Each row's fields have names of their own, so a screen reader's list of fields tells the rows apart.
    for (const slug of ['refunds', 'delivery']) {
      for (const name of [`Name (Chinese) of ${slug}`, `Name (English) of ${slug}`]) expect(await editor.getByRole('textbox', { name, exact: true }).count()).toBe(1);
      expect(await editor.getByRole('checkbox', { name: `The bot may answer with these articles (${slug})`, exact: true }).count()).toBe(1);
    }

    // A taken slug: the server's problem is shown and nothing is added.
    await add.getByLabel('Address (slug)').fill('refunds');
    await add.getByLabel('Name (Chinese)').fill('重复');
    await add.getByLabel('Name (English)').fill('Duplicate');
    await add.getByRole('button', { name: 'Add category' }).click();
    await page.getByRole('alert').filter({ hasText: 'Another category already has the address refunds.' }).waitFor();

    await refunds.getByLabel('Name (Chinese)').fill('退款与退货');
    await refunds.getByLabel('Name (English)').fill('Refunds and returns');
    await refunds.getByRole('button', { name: 'Save name of refunds' }).click();
    const categoryRow = async (slug: string) => (await stack.database.db.query(`SELECT name_en, bot_may_answer FROM kb_categories WHERE slug = $1`, [slug]))[0];
    await eventually(async () => (await categoryRow('refunds')).name_en === 'Refunds and returns', 5000, 'the rename saved');

    await delivery.getByRole('button', { name: 'Move delivery up' }).click();
    await editor.locator('tbody tr').first().and(delivery).waitFor();
    // A controlled checkbox: it shows the saved value once the server answered.
    await refunds.getByLabel('The bot may answer with these articles').click();
    await eventually(async () => (await categoryRow('refunds')).bot_may_answer === true, 5000, 'the bot allowed');
    await refunds.locator('input[type="checkbox"]:checked').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const rows = await stack.database.db.query(`SELECT slug, name_en, name_zh_cn, bot_may_answer FROM kb_categories ORDER BY position, name_en`);
    expect(rows).toEqual([
      { slug: 'delivery', name_en: 'Delivery', name_zh_cn: '配送', bot_may_answer: true },
      { slug: 'refunds', name_en: 'Refunds and returns', name_zh_cn: '退款与退货', bot_may_answer: true },
    ]);
  });

  it('a refusal after the reader switched to Chinese is worded in Chinese, not in the language the page opened in', async () => {
    const { page } = await pages.open({ locale: 'en' });
    await signIn(page, `${stack.baseUrl}/supervisor`, supervisorEmail, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
    const refunds = page.getByRole('row', { name: 'refunds', exact: true });
    await refunds.waitFor();
    await page.locator('#language-switch').selectOption('zh-CN');
    await page.getByRole('heading', { name: '知识库', level: 1 }).waitFor();
    // The page's reload after a change is refused (the service is briefly unavailable).
    await page.route('**/api/kb/articles?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        // As the API answers while its database is away.
        body: JSON.stringify({
          type: 'https://firsthand.dev/problems/service-unavailable',
          title: 'Service unavailable',
          status: 503,
          detail: 'The database cannot take this request now; retry after 2 seconds.',
          retryAfterSeconds: 2,
        }),
      }),
    );
    await refunds.locator('input[type="checkbox"]').click();
    await page.getByRole('alert').filter({ hasText: '服务台暂时无法处理此请求，请 2 秒后再试。' }).waitFor({ timeout: 5000 });
    await page.unroute('**/api/kb/articles?*');
  });

  it('two editors, one article: the later save is refused beside Save in Chinese, the list shows the newer version, and loading it keeps the refused text to copy', async () => {
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/supervisor`, supervisorEmail, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/kb?article=${refundId}`);
    const editor = page.getByRole('form', { name: '如何申请退款' });
    const body = editor.getByLabel('正文（中文，Markdown）', { exact: true });
    await body.waitFor();
    const listedVersion = page.locator('table.kb-articles tbody tr', { hasText: '如何申请退款' }).locator('td').last();
    expect(await listedVersion.textContent()).toBe('1');

    // A colleague saves version 2 while this editor is open on version 1.
    const theirs = '签收后 **30 天**内，在“我的订单”中点击**申请退款**。同事补充：运费不退。';
    await stack.http.patch(`/api/kb/articles/${refundId}`).set(senior.auth).send({ bodyZhCn: theirs, baseVersion: 1 }).expect(200);
    const mine = '签收后 30 天内可申请退款，请附上订单号。';
    await body.fill(mine);
    const save = editor.getByRole('button', { name: '保存', exact: true });
    await save.click();

    const refused = editor.getByRole('alert').filter({ hasText: '有人保存了第 2 版' });
    await refused.waitFor();
    expect(await page.getByText(/was saved after the one you edited/).count()).toBe(0);
    const describedBy = (locator: Locator) =>
      locator.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' '));
    expect(await describedBy(save)).toContain('有人保存了第 2 版');
    const [saveBox, refusedBox] = await Promise.all([save.boundingBox(), refused.boundingBox()]);
    expect(refusedBox!.y - (saveBox!.y + saveBox!.height)).toBeLessThan(80);
    await listedVersion.filter({ hasText: /^2$/ }).waitFor();
    expect(await body.inputValue()).toBe(mine);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'kb-conflict');

    await refused.getByRole('button', { name: '载入第 2 版' }).click();
    await editor.getByRole('status').filter({ hasText: '编辑器中现在是第 2 版' }).waitFor();
    expect(await body.inputValue()).toBe(theirs);
    const kept = editor.getByLabel('您未保存的正文（中文，Markdown）');
    expect(await kept.inputValue()).toBe(mine);
    expect(await kept.isEditable()).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'kb-conflict-loaded', { fullPage: true });

    // Applying the change again on version 2 saves version 3.
    await body.fill(`${theirs}\n\n请附上订单号。`);
    await save.click();
    await page.getByRole('status').filter({ hasText: '已保存为第 3 版。' }).waitFor();
    await listedVersion.filter({ hasText: /^3$/ }).waitFor();
    expect(await editor.getByTestId('kb-conflict').count()).toBe(0);
  });

  it("an article's versions come a page at a time: the newest 20, and the older ones on request", async () => {
    const category = (await stack.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'returns', nameEn: 'Returns', nameZhCn: '退货' }).expect(201)).body.id;
    const article = (await stack.http.post('/api/kb/articles').set(senior.auth).send({ categoryId: category, titleEn: 'Return labels', bodyEn: 'Print the label.' }).expect(201)).body;
    for (let version = 1; version <= 21; version++) {
      await stack.http.patch(`/api/kb/articles/${article.id}`).set(senior.auth).send({ bodyEn: `Print the label (edit ${version}).`, baseVersion: version }).expect(200);
    }
    const { page } = await pages.open({ locale: 'en' });
    await signIn(page, `${stack.baseUrl}/supervisor`, supervisorEmail, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/kb?article=${article.id}`);
    const listed = page.locator('ul.kb-versions li');
    await listed.first().waitFor();
    expect(await listed.count()).toBe(20);
    expect(await listed.first().textContent()).toMatch(/^Version 22,/);
    await page.getByRole('button', { name: 'Older versions' }).click();
    await listed.nth(21).waitFor();
    expect(await listed.count()).toBe(22);
    expect(await listed.last().textContent()).toMatch(/^Version 1,/);
    expect(await page.getByRole('button', { name: 'Older versions' }).count()).toBe(0);
  });
});
