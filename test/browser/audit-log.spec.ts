import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { downloadedText, launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Issue 15's audit view in real Chromium: an admin reads, filters and downloads the log; a supervisor is not offered it. */
describe('the audit log view (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let admin: TestAgent;
  let supervisor: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1400, height: 1000 } });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    admin = await stack.factory.agent('admin', team, 'Root Admin');
    supervisor = await stack.factory.agent('supervisor', team, 'Wang Fang');
    await stack.http.post('/api/teams').set(admin.auth).send({ name: 'Billing' }).expect(201);
    const li = await stack.factory.agent('agent', team, 'Li Wei');
    await stack.http.patch(`/api/agents/${li.id}`).set(admin.auth).send({ role: 'senior' }).expect(200);
    // An action newer than this web bundle (the API is deployed first): stored as the API would store it.
    await stack.database.db.query(
      `INSERT INTO audit_entries (actor_type, action, target_type, target_id, target_label, after) VALUES ('system', 'webhook_endpoint.paused', 'webhook_endpoint', NULL, 'https://hooks.example.com/in', $1)`,
      [JSON.stringify({ pausedFor: 'too many failures', attempts: 5 })],
    );
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows acts with who and what, filters by action, downloads CSV; supervisors get no link', async () => {
    const { page: supervisorPage } = await pages.open();
    await signIn(supervisorPage, `${stack.baseUrl}/supervisor`, supervisor.email, TEST_PASSWORD);
    const supervisorNav = supervisorPage.getByRole('navigation', { name: 'Supervisor pages' });
    await supervisorNav.getByRole('link', { name: 'Business calendars' }).waitFor();
    expect(await supervisorNav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByTestId('audit-table');
    // Actions, roles, targets and values in words: no stored names, no JSON.
    await table.getByRole('row', { name: /Root Admin \(Admin\).*Signed in.*Method.*password/ }).first().waitFor();
    await table.getByRole('row', { name: /Root Admin \(Admin\).*Team created.*Team: Billing.*Name.*Billing/ }).waitFor();
    const roleChange = table.locator('tbody tr').filter({ has: page.locator('[data-action="agent.role_changed"]') });
    expect(await roleChange.innerText()).toMatch(/Role changed[\s\S]*Agent: [\s\S]*Role:?\s*Agent[\s\S]*Role:?\s*Senior agent/);
    const future = table.locator('tbody tr').filter({ has: page.locator('[data-action="webhook_endpoint.paused"]') });
    const futureText = await future.innerText();
    expect(futureText).toMatch(/System[\s\S]*Webhook endpoint: paused[\s\S]*Webhook: https:\/\/hooks\.example\.com\/in/);
    // jsonb keeps its own key order.
    expect(futureText).toMatch(/Paused for:?\s*too many failures/);
    expect(futureText).toMatch(/Attempts:?\s*5/);
    const shown = await table.locator('tbody').innerText();
    expect(shown).not.toMatch(/sign_in\.succeeded|team\.created|agent\.role_changed|[{}]/);

    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'All: Sign-in' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.locator('tbody [data-action]:not([data-action^="sign_in."])').first().waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    // By agent, chosen by name: only the supervisor's sign-in is left.
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Wang Fang (Supervisor)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByRole('row', { name: /Root Admin/ }).first().waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Wang Fang \(Supervisor\).*Signed in/ }).first().waitFor();
    // One action by its label.
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Anyone' });
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Role changed' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.locator('tbody [data-action]:not([data-action="agent.role_changed"])').first().waitFor({ state: 'detached' });
    expect(await table.locator('tbody [data-action="agent.role_changed"]').count()).toBe(1);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'All: Sign-in' });
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Anyone' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByRole('row', { name: /Root Admin/ }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log', { fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = await downloadedText(download);
    expect(csv.split('\r\n')[0]).toMatch(/^at,actor_type,actor_id/);
    expect(csv).toContain('sign_in.succeeded');
    expect(csv).not.toContain('team.created');
  });

  it('speaks zh-CN: actions, roles and fields in Chinese', async () => {
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: '主管页面' }).getByRole('link', { name: '审计日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByRole('row', { name: /Root Admin（管理员）.*登录成功.*方式.*密码/ }).first().waitFor();
    const roleChange = table.locator('tbody tr').filter({ has: page.locator('[data-action="agent.role_changed"]') });
    expect(await roleChange.innerText()).toMatch(/更改了角色[\s\S]*角色:?\s*客服[\s\S]*角色:?\s*资深客服/);
    expect(await page.getByLabel('操作', { exact: true }).locator('option').allTextContents()).toContain('全部：登录');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
