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
});
