import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** An admin exports a customer's data and erases the customer from the customer page (Chromium, built API, gateway and worker). */
describe('customer data rights on the customer page (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let admin: TestAgent;
  const exportsDir = mkdtempSync(join(tmpdir(), 'firsthand-web-exports-'));
  const pages = new OpenedPages(() => browser, { acceptDownloads: true });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack({ workerEnv: { FIRSTHAND_EXPORTS_DIR: exportsDir } }), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    admin = await stack.factory.agent('admin', team, 'Root Admin');
  });
  afterEach(() => pages.closeAll());
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(exportsDir, { recursive: true, force: true });
  });

  it('exports the data as a zip, then erases the customer after a dialog that names the open ticket', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Lost parcel' }, { name: 'Mina Park', email: `mina-${Date.now()}@example.com` });
    const [{ customer_id: customerId }] = await stack.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/customers/${customerId}`);
    const tools = page.getByTestId('customer-data-rights');

    const download = page.waitForEvent('download');
    await tools.getByRole('button', { name: 'Export data' }).click();
    expect((await download).suggestedFilename()).toBe(`customer-${customerId}.zip`);
    await tools.getByTestId('customer-data-outcome').getByText(/Archive downloaded/).waitFor();

    await tools.getByRole('button', { name: 'Erase customer' }).click();
    const dialog = page.getByTestId('erase-dialog');
    await dialog.getByText(/cannot be undone/).waitFor();
    await dialog.getByRole('button', { name: 'Erase', exact: true }).click();
    // The API asked for confirmation: the dialog now names the open ticket, and nothing was erased yet.
    await dialog.getByText(ticket.code).waitFor();
    expect(await stack.database.db.query(`SELECT 1 FROM customer_erasures WHERE customer_id = $1`, [customerId])).toEqual([]);
    await screenshot(page, 'customer-erase-dialog');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close them and erase' }).click();
    await tools.getByTestId('customer-data-outcome').getByText(/Erasure started/).waitFor();
    // The worker finishes it; the page read again shows the record erased.
    for (let tries = 0; tries < 200; tries++) {
      const [row] = await stack.database.db.query(`SELECT state FROM customer_erasures WHERE customer_id = $1`, [customerId]);
      if (row?.state === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload();
    await page.getByRole('heading', { name: /Erased customer #\d+/ }).waitFor();
  });

  it('lists the exports on the page, with a download for each ready one, and says why a fourth is refused while three are live', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Send me my data' }, { name: 'Omar Haddad', email: `omar-${Date.now()}@example.com` });
    const [{ customer_id: customerId }] = await stack.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/customers/${customerId}`);
    const tools = page.getByTestId('customer-data-rights');
    const listed = tools.getByTestId('customer-export');
    await tools.getByText('No export of this customer was asked for yet.').waitFor();
    const exportButton = tools.getByRole('button', { name: 'Export data' });
    for (let n = 1; n <= 3; n++) {
      const download = page.waitForEvent('download');
      await exportButton.click();
      expect((await download).suggestedFilename()).toBe(`customer-${customerId}.zip`);
      await tools.locator('[data-testid="customer-export"][data-state="ready"]').nth(n - 1).waitFor();
    }
    expect(await listed.count()).toBe(3);
    await listed.first().getByRole('button', { name: /^Download \(zip, [\d.]+ KB\), asked for / }).waitFor();
    // Three live exports: the button is refused before asking, and the notice says why and until when.
    const full = tools.getByTestId('customer-exports-full');
    await full.getByText(/^No further export can be asked for: 3 of at most 3 exports of this customer are queued or ready to download.* The next one expires /).waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exportButton.getAttribute('aria-describedby')).toBe('customer-exports-full');

    // Read again later: the list is still there, and an earlier archive downloads from it.
    await page.reload();
    await tools.locator('[data-testid="customer-export"][data-state="ready"]').nth(2).waitFor();
    const again = page.waitForEvent('download');
    await listed.last().getByRole('button', { name: /^Download/ }).click();
    expect((await again).suggestedFilename()).toBe(`customer-${customerId}.zip`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'customer-exports', { fullPage: true });
  });

  it('shows exports the worker has not written yet, in Chinese, and why no further one can be asked for', async () => {
    const ticket = await stack.factory.customerTicket({ subject: '请导出我的数据' }, { name: '李娜', email: `li-na-${Date.now()}@example.com` });
    const [{ customer_id: customerId }] = await stack.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]);
    // Three requests waiting for a worker that has not taken them (a lease far ahead keeps this suite's worker off them).
    await stack.database.db.query(
      `INSERT INTO customer_exports (customer_id, requested_by, lease_until) SELECT $1, $2, now() + interval '1 day' FROM generate_series(1, 3)`, [customerId, admin.id]);
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/customers/${customerId}`);
    const tools = page.getByTestId('customer-data-rights');
    await tools.locator('[data-testid="customer-export"][data-state="queued"]').nth(2).waitFor();
    expect(await tools.getByTestId('customer-export').first().textContent()).toContain('排队中');
    await tools.getByTestId('customer-exports-full').getByText(/^无法再申请导出：此客户已有 3 个导出在排队或可下载（最多 3 个）.*它们都还没有生成/).waitFor();
    expect(await tools.getByRole('button', { name: '导出数据' }).isDisabled()).toBe(true);
    expect(await tools.getByRole('button', { name: /^下载/ }).count()).toBe(0);
  });
});
