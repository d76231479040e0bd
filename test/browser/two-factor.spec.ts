import type { Browser } from 'playwright-core';
import { generate } from 'otplib';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** A supervisor turns on two-factor sign-in from the dashboard's QR code, then signs in with a code, in real Chromium. */
describe('two-factor sign-in (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let boss: TestAgent;
  let admin: TestAgent;
  const pages = new OpenedPages(() => browser);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
    admin = await stack.factory.agent('admin', null, 'Admin Zhao');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('enrols with the QR code and a code, keeps the recovery codes, then signs in with a code from the app', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'Security' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign-in security' });
    // The header's white-on-blue buttons must not reach into the dialog (they were white on white there).
    type Styled = { getComputedStyle(element: unknown): { color: string } };
    for (const name of ['Sign out everywhere', 'Close']) {
      const ink = await dialog.getByRole('button', { name }).evaluate((button) => (globalThis as unknown as Styled).getComputedStyle(button).color);
      expect(ink).toBe('rgb(8, 71, 133)'); // --brand-dark, as every button outside the header
    }
    await dialog.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = dialog.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    expect(await qr.evaluate((img) => { const loaded = img as unknown as { complete: boolean; naturalWidth: number }; return loaded.complete && loaded.naturalWidth > 0; })).toBe(true);
    const secret = (await dialog.getByTestId('totp-secret').textContent())!;
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'two-factor-enrolment');

    await dialog.getByLabel('Six-digit code').fill(await generate({ secret }));
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    const codes = dialog.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await dialog.getByRole('button', { name: 'I have saved them' }).click();
    await dialog.getByText('Two-factor sign-in is on. Recovery codes left: 10.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByLabel('Email').fill(boss.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The enrolment used this 30 s step's code; the next step's is fresh and still accepted (one step of drift).
    await page.getByLabel('Code from your authenticator app').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
  });

  // Runs after the enrolment above: the supervisor lost their phone, an admin resets it on the People page.
  it('an admin resets a lost authenticator on the People page; the agent then signs in with the password alone', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    const row = page.locator(`[data-agent="${boss.email}"]`);
    await row.getByText('On', { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Reset two-factor for Wang Fang' }).click();
    await page.getByText("Wang Fang's two-factor sign-in is reset; they enrol again at their next sign-in.").waitFor();
    await row.getByText('Off', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Reset two-factor for Wang Fang' }).count()).toBe(0);
    const audited = await stack.database.db.query(`SELECT actor_id FROM audit_entries WHERE action = 'two_factor.reset' AND target_id = $1`, [boss.id]);
    expect(audited).toEqual([{ actor_id: admin.id }]);

    const { page: own } = await pages.open();
    await signIn(own, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await own.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
  });

  it('a session ended elsewhere signs the open console out at once, says why, and keeps the reply being typed', async () => {
    const [{ id: team }] = await stack.database.db.query(`SELECT id FROM teams WHERE is_default`);
    const li = await stack.factory.agent('agent', team, 'Li Wei');
    const ticket = await stack.factory.customerTicket({ subject: 'Scanner offline' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    await page.getByLabel('Message').fill('Restart the scanner, then');

    // "Sign out everywhere" from another device: this tab does not go on looking signed in.
    await stack.http.post('/api/auth/logout-everywhere').set(li.auth).expect(200);
    await page.getByTestId('session-ended').waitFor({ timeout: 15_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Email').fill(li.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('session-ended').waitFor({ state: 'detached' });
    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    expect(await page.getByLabel('Message').inputValue()).toBe('Restart the scanner, then');

    // Signing out on purpose leaves nothing typed behind for the next person at this screen.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    expect(await page.getByLabel('Message').inputValue()).toBe('');
  });
});
