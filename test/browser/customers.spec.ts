import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The customer panel beside a ticket and the customer page, in real Chromium against the built API and gateway. */
describe('customer panel and customer page (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  let supervisor: TestAgent;
  const pages = new OpenedPages(() => browser);
  const customerOf = async (ticketId: string): Promise<string> =>
    (await stack.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    supervisor = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('an agent opens a ticket, sees the customer with their earlier ticket, its owner and rating, and follows it', async () => {
    const email = `ana-${Date.now()}@example.com`;
    const earlier = await stack.factory.customerTicket({ subject: 'Parcel never arrived' }, { name: 'Ana Costa', email, phone: '+351910000000' });
    await stack.http.post(`/api/tickets/${earlier.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${earlier.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Re-sent' }).expect(200);
    await stack.http.post(`/api/track/${earlier.code}/feedback`).set('X-Tracking-Token', earlier.trackingToken).send({ rating: 5, comment: 'Quick and kind' }).expect(200);
    const later = await stack.factory.customerTicket({ subject: 'Second parcel late too' }, { name: 'Ana Costa', email });

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${later.id}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByRole('heading', { name: 'Customer: Ana Costa' }).waitFor();
    expect(await panel.getByTestId('customer-email').textContent()).toBe(email);
    const row = panel.locator(`[data-testid="customer-tickets"] [data-ticket-code="${earlier.code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Resolved');
    expect(await row.textContent()).toContain('Li Wei');
    expect(await panel.locator(`[data-testid="customer-tickets"] [data-ticket-code="${later.code}"]`).count()).toBe(0);
    await panel.getByTestId('customer-csat').getByText('Quick and kind').waitFor();
    await panel.getByTestId('customer-repeats').getByText(`${later.code} came back about ${earlier.code}`).waitFor();
    await screenshot(page, 'customer-panel');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('link', { name: new RegExp(earlier.code) }).click();
    await page.locator(`[data-testid="ticket-page"][data-ticket-code="${earlier.code}"]`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/agent/tickets/${earlier.id}`);
    // The panel now lists the later ticket instead.
    await page.locator(`[data-testid="customer-panel"] [data-ticket-code="${later.code}"]`).waitFor();
    // Back returns to the later ticket.
    await page.goBack();
    await page.locator(`[data-testid="ticket-page"][data-ticket-code="${later.code}"]`).waitFor();
    // The customer rates the ticket on screen: its panel's ratings follow without a reload, as the timeline does.
    await stack.http.post(`/api/tickets/${later.id}/claim`).set(li.auth).expect(200);
    await stack.http.post(`/api/tickets/${later.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Found at the depot' }).expect(200);
    await stack.http.post(`/api/track/${later.code}/feedback`).set('X-Tracking-Token', later.trackingToken).send({ rating: 3, comment: 'Slow this time' }).expect(200);
    await page.getByTestId('customer-panel').getByTestId('customer-csat').getByText('Slow this time').waitFor({ timeout: 10_000 });
  });

  it('a supervisor finds a duplicate on the customer page and merges it; its ticket moves over; then raises the tier', async () => {
    const survivorTicket = await stack.factory.customerTicket({ subject: 'Invoice wrong' }, { name: 'Zhou Min', email: `zhou-${Date.now()}@example.com` });
    const dupEmail = `zm-${Date.now()}@work.example`;
    const dupTicket = await stack.factory.customerTicket({ subject: 'Invoice still wrong' }, { name: 'Z. Min Work', email: dupEmail, phone: '+8613700000001' });
    const survivorId = await customerOf(survivorTicket.id);
    const duplicateId = await customerOf(dupTicket.id);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, supervisor.email, TEST_PASSWORD);
    // From the ticket's panel to the customer page.
    await page.goto(`${stack.baseUrl}/agent/tickets/${survivorTicket.id}`);
    await page.getByTestId('customer-panel').getByRole('link', { name: 'Open the customer page' }).click();
    const customerPage = page.getByTestId('customer-page');
    await customerPage.getByRole('heading', { name: 'Customer: Zhou Min' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/agent/customers/${survivorId}`);

    const tools = page.getByTestId('customer-supervisor-tools');
    await tools.getByLabel('Find the duplicate by name, email or phone').fill('Z. Min Work');
    await tools.getByRole('button', { name: 'Search' }).click();
    const mergeButton = tools.getByRole('button', { name: 'Merge Z. Min Work into this customer' });
    await mergeButton.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await mergeButton.click();
    await tools.getByTestId('customer-outcome').getByText('Merged; tickets moved here: 1.').waitFor();
    await customerPage.locator(`[data-ticket-code="${dupTicket.code}"]`).waitFor();
    // The survivor had no phone: it took the duplicate's.
    await customerPage.locator('.customer-details').getByText('+8613700000001').waitFor();
    expect(await customerOf(dupTicket.id)).toBe(survivorId);
    const [dup] = await stack.database.db.query(`SELECT merged_into_id FROM customers WHERE id = $1`, [duplicateId]);
    expect(dup.merged_into_id).toBe(survivorId);
    await screenshot(page, 'customer-page-merged');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The old record's address leads to the survivor.
    await page.goto(`${stack.baseUrl}/agent/customers/${duplicateId}`);
    await customerPage.getByText('The record you followed was merged into this one.').waitFor();
    expect(await customerPage.getAttribute('data-customer-id')).toBe(survivorId);

    // The tier's answer comes beside its button, in a status region that is there before it speaks (so it is read out).
    const tierStatus = tools.getByTestId('tier-status');
    expect(await tierStatus.getAttribute('role')).toBe('status');
    expect(await tierStatus.textContent()).toBe('');
    // A refused save says so, and saves nothing.
    const patch = `**/api/customers/${survivorId}`;
    await page.route(patch, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: 'https://firsthand.example/problems/conflict', title: 'Conflict', status: 409, detail: 'The customer changed meanwhile.' }) })
        : route.continue(),
    );
    await tools.getByLabel('Tier').selectOption('vip');
    await tools.getByRole('button', { name: 'Save tier' }).click();
    await tools.getByRole('alert').filter({ hasText: 'The tier was not saved: The customer changed meanwhile.' }).waitFor();
    expect(await tierStatus.textContent()).toBe('');
    await page.unroute(patch);

    await tools.getByRole('button', { name: 'Save tier' }).click();
    await tierStatus.filter({ hasText: 'Tier saved: VIP. Open tickets moved to it: 2.' }).waitFor();
    expect(await tools.getByTestId('tier-error').count()).toBe(0);
    await customerPage.getByTestId('customer-tier').getByText('VIP').waitFor();
    // Still there once the profile has been read again.
    expect(await tierStatus.textContent()).toBe('Tier saved: VIP. Open tickets moved to it: 2.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const tiers = await stack.database.db.query(`SELECT tier FROM tickets WHERE customer_id = $1`, [survivorId]);
    expect(tiers.map((t: { tier: string }) => t.tier)).toEqual(['vip', 'vip']);
  });

  it('counts a customer\'s tickets in good English: one ticket is "1 ticket"', async () => {
    const only = await stack.factory.customerTicket({ subject: 'First and only' }, { name: 'Ola Berg', email: `ola-${Date.now()}@example.com` });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${only.id}`);
    const counts = page.getByTestId('customer-panel').getByTestId('customer-counts');
    await counts.filter({ hasText: '1 ticket, 1 open, 0 resolved' }).waitFor();
  });

  it('a supervisor saves a tier straight away and is told so beside the button, in zh-CN', async () => {
    const ticket = await stack.factory.customerTicket({ subject: '会员升级' }, { name: '林晓', email: `lin-${Date.now()}@example.com` });
    const customerId = await customerOf(ticket.id);
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, supervisor.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/customers/${customerId}`);
    const tools = page.getByTestId('customer-supervisor-tools');
    await tools.getByLabel('等级').selectOption('member');
    await tools.getByRole('button', { name: '保存等级' }).click();
    await tools.getByRole('status').filter({ hasText: '等级已保存：会员。随之更新的未结工单：1 张。' }).waitFor();
    await page.getByTestId('customer-tier').getByText('会员').waitFor();
    expect(await tools.getByTestId('tier-status').textContent()).toBe('等级已保存：会员。随之更新的未结工单：1 张。');
    await screenshot(page, 'customer-tier-saved-zh-cn');
  });

  it('the panel speaks the agent\'s language: zh-CN', async () => {
    const ticket = await stack.factory.customerTicket({ subject: '发票抬头错了' }, { name: '陈静', email: `chen-${Date.now()}@example.com`, locale: 'zh-CN' });
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    const panel = page.getByTestId('customer-panel');
    await panel.getByRole('heading', { name: '客户：陈静' }).waitFor();
    await panel.getByText('没有其他工单。').waitFor();
    await panel.getByText('简体中文').waitFor();
    await screenshot(page, 'customer-panel-zh-cn');
  });
});
