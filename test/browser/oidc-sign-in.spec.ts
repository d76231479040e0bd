import type { Browser, Page } from 'playwright-core';
import { startOidcProvider, type LocalOidcProvider } from '../../scripts/lib/oidc-provider.mjs';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { freePortForTest } from '../support/free-port.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Single sign-on in real Chromium: the dashboard's button, the provider's own sign-in page, and back. */
describe('OpenID Connect sign-in (Chromium)', () => {
  let provider: LocalOidcProvider;
  let stack: WebStack;
  let browser: Browser;
  let boss: TestAgent;
  const accounts: Record<string, { email: string; email_verified: boolean; name?: string }> = {};
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 900 } });

  beforeAll(async () => {
    const apiPort = await freePortForTest();
    const base = `http://127.0.0.1:${apiPort}`;
    const client = { clientId: 'firsthand-browser', clientSecret: 'firsthand-browser-secret', redirectUris: [`${base}/api/auth/oidc/callback`] };
    [provider, browser] = await Promise.all([startOidcProvider({ client, accounts }), launchChromium()]);
    stack = await startWebStack({
      apiPort,
      apiEnv: {
        FIRSTHAND_OIDC_ISSUER: provider.issuer,
        FIRSTHAND_OIDC_CLIENT_ID: client.clientId,
        FIRSTHAND_OIDC_CLIENT_SECRET: client.clientSecret,
        FIRSTHAND_OIDC_REDIRECT_BASE: base,
        FIRSTHAND_OIDC_PROVIDER_NAME: 'Test ID',
        PUBLIC_BASE_URL: base,
      },
    });
    const team = await stack.factory.team('Front Desk', true);
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
    Object.assign(accounts, {
      'wang.fang': { email: boss.email, email_verified: true, name: 'Wang Fang' },
      'not.verified': { email: boss.email, email_verified: false },
    });
  });

  afterEach(() => pages.closeAll());
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.close();
  });

  async function throughProvider(page: Page, login: string): Promise<void> {
    await page.goto(`${stack.baseUrl}/supervisor`);
    await page.getByRole('link', { name: /Test ID/ }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }

  it('a supervisor clicks "Sign in with Test ID", signs in at the provider and lands on the dashboard, signed in', async () => {
    const { page } = await pages.open();
    await throughProvider(page, 'wang.fang');
    await page.getByText('Signed in as Wang Fang').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('resolved-today').waitFor();
    // The one-time code is gone from the address bar (and so from history and bookmarks).
    expect(new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).pathname).toBe('/supervisor');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('an unverified email is refused with a clear message, in English and in Chinese', async () => {
    const { page } = await pages.open();
    await throughProvider(page, 'not.verified');
    await page.getByRole('alert').filter({ hasText: 'Your email address is not verified at the identity provider' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, 'oidc-refused');
    const zh = await pages.open({ locale: 'zh-CN' });
    await throughProvider(zh.page, 'not.verified');
    await zh.page.getByRole('alert').filter({ hasText: '您的邮箱在身份提供方处未经验证' }).waitFor({ timeout: 15_000 });
    expect(await stack.database.db.query(`SELECT count(*)::int AS n FROM agents`)).toEqual([{ n: 1 }]);
  });
});
