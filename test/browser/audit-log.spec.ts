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
    await table.getByRole('row', { name: /Root Admin \(admin\).*sign_in\.succeeded/ }).first().waitFor();
    await table.getByRole('row', { name: /Root Admin \(admin\).*team\.created.*team: Billing/ }).waitFor();

    await page.getByLabel('Action', { exact: true }).fill('sign_in.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.locator('tbody code').filter({ hasNotText: 'sign_in.' }).first().waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    // By agent, chosen by name: only the supervisor's sign-in is left.
    await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Wang Fang (supervisor)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByRole('row', { name: /Root Admin/ }).first().waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Wang Fang \(supervisor\).*sign_in\.succeeded/ }).first().waitFor();
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
});
