import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The console's search box and saved views in real Chromium against the built API and gateway. */
describe('agent console: search and saved views (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('"/" focuses the search box; a Chinese phrase from a reply is found, highlighted, and opens its ticket', async () => {
    const ticket = await stack.factory.customerTicket({ subject: '订单问题', description: '我的订单还没有到，财务部门也没有回复我，我已经等了很久了。' }, { name: '王小明' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: '您好，您的退款申请已经提交给财务部门处理。', visibility: 'public' }).expect(201);
    const other = await stack.factory.customerTicket({ subject: 'Printer jammed', description: 'Nothing about money.' });

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const box = page.getByTestId('search-input');
    await box.waitFor();
    await page.locator('body').click();
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('search-input');
    expect(await box.inputValue()).toBe(''); // the "/" focused the box; it was not typed into it
    await page.keyboard.type('财务部门');

    const results = page.getByTestId('search-results');
    const hit = results.locator(`[data-ticket-code="${ticket.code}"]`);
    await hit.waitFor();
    expect(await results.locator(`[data-ticket-code="${other.code}"]`).count()).toBe(0);
    const fragment = hit.locator('[data-field="message"]');
    expect(await fragment.locator('mark').allTextContents()).toEqual(['财务部门']);
    expect(await fragment.textContent()).toContain('您的退款申请已经提交给');
    // Two snippets (the description's and the reply's), each across the whole result, the code on one line:
    // placed side by side, the first had been squeezed to one Chinese character a line.
    const snippets = hit.locator('.search-fragment');
    expect(await snippets.count()).toBe(2);
    const row = (await hit.boundingBox())!;
    for (const snippet of await snippets.all()) expect((await snippet.boundingBox())!.width).toBeGreaterThan(row.width * 0.8);
    // The code on one line: no taller than the subject beside it, which never wraps.
    const codeHeight = (await hit.locator('.code').boundingBox())!.height;
    expect(codeHeight).toBeLessThan(1.5 * (await hit.locator('.subject').boundingBox())!.height);
    await screenshot(page, 'agent-search-highlight');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The queue's shortcuts still work outside the box: "j" is typed into the box, not taken as "next".
    await page.keyboard.type(' j');
    expect(await box.inputValue()).toBe('财务部门 j');
    await box.fill('财务部门');
    await hit.waitFor();

    await hit.getByRole('link').click();
    await page.getByTestId('ticket-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/agent/tickets/${ticket.id}`);
    await page.getByTestId('ticket-page').getByText(ticket.code).first().waitFor();
  });

  it('saves a filtered view and its count follows new tickets live', async () => {
    const complaintsNow = async () =>
      (await stack.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE kind = 'complaint' AND status = 'new'`))[0].n as number;
    await stack.factory.customerTicket({ subject: 'Rude staff at the store', kind: 'complaint' });

    // A team view made from a preset (as the demo's) is named in the reader's language; a view someone named stays as named.
    await stack.database.db.query(
      `INSERT INTO saved_views (name, preset, scope, owner_id, team_id, filters) VALUES ('Complaints', 'complaints', 'team', $1, $2, '{"kind":["complaint"]}'), ('Breaching', NULL, 'personal', $1, NULL, '{"breaching":true}')`,
      [li.id, li.teamId],
    );
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.getByRole('searchbox', { name: '搜索工单' }).waitFor();
    const named = (name: string) => page.getByTestId('saved-views').locator(`[data-view-name="${name}"] > span`).first().textContent();
    expect([await named('Complaints'), await named('Breaching')]).toEqual(['投诉', 'Breaching']);
    await page.getByText('筛选与排序').click();
    await page.getByTestId('search-filter-kind').selectOption('complaint');
    await page.getByTestId('search-filter-status').selectOption('new');
    const results = page.getByTestId('search-results');
    await results.locator('li').first().waitFor();
    expect(await results.locator('li').count()).toBe(await complaintsNow());

    await page.getByTestId('save-view-name').fill('新投诉');
    await page.getByRole('button', { name: '保存视图' }).click();
    const view = page.getByTestId('saved-views').locator('[data-view-name="新投诉"]');
    const count = view.getByTestId('saved-view-count');
    await count.filter({ hasText: String(await complaintsNow()) }).waitFor();

    // A new complaint arrives: the count moves without a reload (queue.changed over the socket, debounced).
    await stack.factory.customerTicket({ subject: 'Second complaint', kind: 'complaint' });
    await count.filter({ hasText: String(await complaintsNow()) }).waitFor({ timeout: 10_000 });
    const [stored] = await stack.database.db.query(`SELECT scope, filters FROM saved_views WHERE name = '新投诉'`);
    expect(stored).toEqual({ scope: 'personal', filters: { kind: ['complaint'], status: ['new'] } });
    await screenshot(page, 'agent-saved-view-count');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
