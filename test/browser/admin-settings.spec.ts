import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';
import { expectNoSidewaysScroll } from './support/page-width.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** A public address written as one: registering it needs no DNS, and no worker runs here to deliver to it. */
const PUBLIC_HOOK = 'https://93.184.216.34/firsthand/hooks';

/** The teams and webhook endpoints pages in real Chromium: what an admin sets up, what others are not offered. */
describe('admin settings: teams and webhooks (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 900 } });

  beforeAll(async () => {
    // Mail to a brand's address goes to Front Desk by its name: the API keeps that name.
    [stack, browser] = await Promise.all([startWebStack({ apiEnv: { MAIL_ADDRESSES: JSON.stringify([{ address: 'help@brand-c.example', team: 'Front Desk' }]) } }), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    admin = await stack.factory.agent('admin', team, 'Root Admin');
    supervisor = await stack.factory.agent('supervisor', team, 'Wang Fang');
    agent = await stack.factory.agent('agent', team, 'Li Wei');
    await stack.factory.agent('agent', team, 'Zhang Min');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const nav = (page: Page, name = 'Supervisor pages') => page.getByRole('navigation', { name });

  it('an admin creates a team and sees it listed with its active people, renames it, and is told why a name is refused', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await nav(page).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    const table = page.getByTestId('teams-table');
    // Front Desk: the admin, the supervisor and two agents, all active.
    await table.getByRole('row', { name: /Front Desk.*Default.*\b4\b/ }).waitFor();

    const create = page.getByRole('form', { name: 'Create a team' });
    await create.getByLabel('Name', { exact: true }).fill('Billing');
    await create.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('status').filter({ hasText: 'Billing is created.' }).waitFor();
    await table.getByRole('row', { name: /Billing.*\b0\b/ }).waitFor();
    expect(await create.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    // Taken in another case, and a name of spaces only: said in the page's words, nothing added.
    await create.getByLabel('Name', { exact: true }).fill('front desk');
    await create.getByRole('button', { name: 'Create team' }).click();
    await create.getByRole('alert').filter({ hasText: 'A team with this name already exists.' }).waitFor();
    await create.getByLabel('Name', { exact: true }).fill('   ');
    await create.getByRole('button', { name: 'Create team' }).click();
    await create.getByRole('alert').filter({ hasText: 'A team name needs 1 to 80 characters, and not only spaces.' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);

    await table.getByRole('button', { name: 'Rename Billing' }).click();
    const newName = table.getByLabel('New name for Billing');
    // The form opened in place takes focus to its field.
    await page.waitForFunction(`document.activeElement && document.activeElement.value === 'Billing'`);
    await newName.fill('Front desk');
    await table.getByRole('button', { name: 'Save name' }).click();
    await table.getByRole('alert').filter({ hasText: 'A team with this name already exists.' }).waitFor();
    await newName.fill('Billing and refunds');
    await table.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').filter({ hasText: 'Billing is now called Billing and refunds.' }).waitFor();
    await table.getByRole('row', { name: /Billing and refunds/ }).waitFor();

    // A team the mail settings name by name: the refusal says which entries and the id to name it by, which the list shows.
    const [{ id: frontDesk }] = await stack.database.db.query(`SELECT id FROM teams WHERE name = 'Front Desk'`);
    await table.getByRole('row', { name: /Front Desk/ }).getByText(frontDesk, { exact: true }).waitFor();
    await table.getByRole('button', { name: 'Rename Front Desk' }).click();
    await table.getByLabel('New name for Front Desk').fill('Front Office');
    await table.getByRole('button', { name: 'Save name' }).click();
    await table
      .getByRole('alert')
      .filter({ hasText: `The settings name this team by its name (help@brand-c.example (MAIL_ADDRESSES)): renamed, they would no longer find it (mail sent there would go to the default team; people signing in for the first time could not join it). First name the team there by its id, ${frontDesk}` })
      .waitFor();
    await table.getByRole('button', { name: 'Cancel' }).click();
    await table.getByRole('row', { name: /Front Desk/ }).waitFor();
    const audited = await stack.database.db.query(`SELECT before, after FROM audit_entries WHERE action = 'team.renamed'`);
    expect(audited).toEqual([{ before: { name: 'Billing' }, after: { name: 'Billing and refunds' } }]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-teams', { fullPage: true });
  });

  it('an admin adds a webhook endpoint, sees its secret once, sees it listed and removes it; a private address is refused in words', async () => {
    const { context, page } = await pages.open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await nav(page).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No webhook endpoints yet.').waitFor();
    // How deliveries are signed, in a line or two.
    await page.getByRole('heading', { name: 'How deliveries are signed' }).waitFor();
    await page.getByText(/webhook-signature header holds a base64 HMAC-SHA256/).waitFor();

    const add = page.getByRole('form', { name: 'Add an endpoint' });
    await add.getByLabel('URL').fill('https://127.0.0.1/hook');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    await add.getByRole('alert').filter({ hasText: '127.0.0.1 is not a public internet address (it is private, loopback or link-local), so Firsthand will not send to it.' }).waitFor();
    await add.getByLabel('URL').fill('not a url');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    await add.getByRole('alert').filter({ hasText: 'Enter a whole web address starting with https:// (or http://).' }).waitFor();
    expect(await stack.database.db.query(`SELECT id FROM webhook_endpoints`)).toEqual([]);

    await add.getByLabel('URL').fill(PUBLIC_HOOK);
    await add.getByLabel('Description').fill('CRM sync');
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    const secretPanel = page.getByTestId('webhook-secret');
    await secretPanel.getByText('Copy it now: it is not shown again.').waitFor();
    const secret = await secretPanel.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await secretPanel.getByRole('button', { name: 'Copy the secret' }).click();
    await secretPanel.getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    const table = page.getByTestId('webhooks-table');
    await table.getByRole('row', { name: /93\.184\.216\.34\/firsthand\/hooks.*CRM sync.*Every customer-visible ticket event/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-webhooks-secret', { fullPage: true });

    await secretPanel.getByRole('button', { name: 'I have copied it' }).click();
    await secretPanel.waitFor({ state: 'detached' });
    await page.reload();
    await table.getByRole('row', { name: /93\.184\.216\.34/ }).waitFor();
    expect(await page.content()).not.toContain(secret.slice(6));

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await table.getByRole('button', { name: `Remove ${PUBLIC_HOOK}` }).click();
    await page.getByRole('status').filter({ hasText: `${PUBLIC_HOOK} is removed: nothing more is sent to it.` }).waitFor();
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByText('Removed endpoints not listed: 1.').waitFor();
    expect(asked).toEqual([`Remove ${PUBLIC_HOOK}? Nothing more is sent to it; its secret stops being used.`]);
    expect(await stack.database.db.query(`SELECT active FROM webhook_endpoints`)).toEqual([{ active: false }]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('on a 390 px phone in Chinese both pages fit, and refusals are in Chinese', async () => {
    const { page } = await pages.open({ ...PHONE, locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/teams`);
    await page.getByRole('heading', { name: '团队', level: 1 }).waitFor();
    await page.getByTestId('teams-table').getByText('Front Desk', { exact: true }).waitFor();
    const create = page.getByRole('form', { name: '新建团队' });
    await create.getByLabel('名称', { exact: true }).fill('FRONT DESK');
    await create.getByRole('button', { name: '创建团队' }).click();
    await create.getByRole('alert').filter({ hasText: '已有同名团队。' }).waitFor();
    // A name of one long word, as long as a name may be, in the list and in the notice.
    const longName = `Escalations${'x'.repeat(69)}`;
    await create.getByLabel('名称', { exact: true }).fill(longName);
    await create.getByRole('button', { name: '创建团队' }).click();
    await page.getByRole('status').filter({ hasText: `已创建 ${longName}。` }).waitFor();
    await page.getByTestId('teams-table').getByText(longName, { exact: true }).waitFor();
    await expectNoSidewaysScroll(page, 390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-teams-phone-zh-CN', { fullPage: true });

    await page.goto(`${stack.baseUrl}/supervisor/webhooks`);
    await page.getByRole('heading', { name: 'Webhook', level: 1 }).waitFor();
    const add = page.getByRole('form', { name: '添加端点' });
    await add.getByLabel('网址').fill('http://169.254.169.254/latest/meta-data');
    await add.getByRole('button', { name: '添加端点' }).click();
    await add.getByRole('alert').filter({ hasText: '169.254.169.254 不是公网地址' }).waitFor();
    await add.getByLabel('网址').fill('https://93.184.216.34/a/rather/long/path/that/a/crm/might/give/for/its/firsthand/integration/endpoint');
    await add.getByRole('button', { name: '添加端点' }).click();
    await page.getByTestId('webhook-secret').getByText('请立即复制，它不会再次显示。').waitFor();
    await page.getByTestId('webhooks-table').getByText(/a\/rather\/long\/path/).waitFor();
    await expectNoSidewaysScroll(page, 390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-webhooks-phone-zh-CN', { fullPage: true });
  });

  it('a supervisor may list and create teams but is offered no rename and no webhooks; an agent reaches neither; the API refuses them too', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, supervisor.email, TEST_PASSWORD);
    await nav(page).getByRole('link', { name: 'Teams' }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await nav(page).getByRole('link', { name: 'Teams' }).click();
    const table = page.getByTestId('teams-table');
    await table.getByText('Front Desk').waitFor();
    await page.getByText('Only admins rename teams.').waitFor();
    expect(await table.getByRole('button').count()).toBe(0);
    await page.getByRole('form', { name: 'Create a team' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`${stack.baseUrl}/supervisor/webhooks`);
    await page.getByRole('alert').filter({ hasText: 'Only admins manage webhook endpoints.' }).waitFor();
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);

    const [{ id: teamId }] = await stack.database.db.query(`SELECT id FROM teams WHERE name = 'Front Desk'`);
    const refusedRename = await stack.http.patch(`/api/teams/${teamId}`).set(supervisor.auth).send({ name: 'Taken over' }).expect(403);
    expect(refusedRename.body).toMatchObject({ type: 'https://firsthand.dev/problems/role-required' });
    await stack.http.get('/api/webhook-endpoints').set(supervisor.auth).expect(403);
    await stack.http.post('/api/webhook-endpoints').set(supervisor.auth).send({ url: PUBLIC_HOOK }).expect(403);
    await stack.http.post('/api/teams').set(agent.auth).send({ name: 'Agents only' }).expect(403);
    await stack.http.post('/api/webhook-endpoints').set(agent.auth).send({ url: PUBLIC_HOOK }).expect(403);

    const { page: agentPage } = await pages.open();
    await signIn(agentPage, `${stack.baseUrl}/agent`, agent.email, TEST_PASSWORD);
    for (const path of ['/supervisor/teams', '/supervisor/webhooks']) {
      await agentPage.goto(`${stack.baseUrl}${path}`);
      await agentPage.getByRole('alert').filter({ hasText: 'This dashboard is for supervisors and admins. You are signed in as Li Wei' }).waitFor();
      expect(await agentPage.getByRole('form').count()).toBe(0);
      expect(await agentPage.getByRole('navigation', { name: 'Supervisor pages' }).count()).toBe(0);
    }
  });
});
