import type { Browser } from 'playwright-core';
import { generate } from 'otplib';
import type { TwoFactorEnrolment } from '@firsthand/http-contracts';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Refusals the API words in English reach a Chinese reader in Chinese; a supervisor demoted while watching is told so. */
describe('refusals and lost access in the reader\'s language (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let admin: TestAgent;
  let team: string;
  const pages = new OpenedPages(() => browser, { locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    team = await stack.factory.team('Front Desk', true);
    admin = await stack.factory.agent('admin', null, 'Admin Zhao');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const signInForm = async (page: import('playwright-core').Page, email: string, password: string) => {
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  };

  it('says why a new agent\'s password was refused in Chinese, without the field\'s English name', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/people`);
    const form = page.getByRole('form', { name: '添加客服人员' });
    await form.getByLabel('姓名').fill('Zhou Min');
    await form.getByLabel('邮箱').fill('zhou.min.weak@firsthand.test');
    await form.getByLabel('初始密码').fill('password1234');
    await form.getByRole('button', { name: '添加' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('密码太容易被猜到（与常用密码相似），试试几个互不相关的词。');
    await screenshot(page, 'zh-weak-password');
  });

  it('says a wrong password, a locked account and a wrong two-factor code in Chinese at sign-in', async () => {
    const guarded = await stack.factory.agent('supervisor', team, 'Wang Fang');
    const { page } = await pages.open();
    await page.goto(`${stack.baseUrl}/supervisor`);
    await signInForm(page, guarded.email, 'not the password at all');
    await page.getByRole('alert').filter({ hasText: '登录失败：邮箱或密码错误，或该账号已停用。' }).waitFor();

    const { secret } = (await stack.http.post('/api/auth/two-factor/enrolment').set(guarded.auth).expect(200)).body as TwoFactorEnrolment;
    await stack.http.post('/api/auth/two-factor/enrolment/confirm').set(guarded.auth).send({ code: await generate({ secret }) }).expect((r) => expect(r.status).toBeLessThan(300));
    await signInForm(page, guarded.email, TEST_PASSWORD);
    const right = await generate({ secret });
    await page.getByLabel('身份验证器应用中的验证码').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '验证' }).click();
    const wrongCode = page.getByRole('alert').filter({ hasText: '登录失败：' });
    await wrongCode.waitFor();
    expect(await wrongCode.textContent()).toBe('登录失败：验证码错误或已过期。请输入身份验证器应用当前显示的验证码。');
    await screenshot(page, 'zh-2fa-wrong-code');

    const locked = await stack.factory.agent('agent', team, 'Li Na');
    await stack.http.post(`/api/agents/${locked.id}/lock`).set(admin.auth).send({}).expect((r) => expect(r.status).toBeLessThan(300));
    const other = await pages.open();
    await other.page.goto(`${stack.baseUrl}/supervisor`);
    await signInForm(other.page, locked.email, TEST_PASSWORD);
    await other.page.getByRole('alert').filter({ hasText: '登录失败：管理员已锁定此账号，请联系管理员解锁。' }).waitFor();
  });

  it('says a refused tag and a view name already taken in Chinese, not in the API\'s English', async () => {
    const zhou = await stack.factory.agent('agent', team, 'Zhou Jie');
    const ticket = await stack.factory.customerTicket({ subject: 'Printer jams' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(zhou.auth).expect(200);
    await stack.http.post('/api/views').set(zhou.auth).send({ name: '我的打印机', scope: 'personal', q: 'printer' }).expect(201);

    const agent = await pages.open();
    await signIn(agent.page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, zhou.email, TEST_PASSWORD);
    const editor = agent.page.getByTestId('tags-editor');
    await editor.getByLabel('添加标签').fill('bad tag!');
    await editor.getByRole('button', { name: '添加', exact: true }).click();
    const tagRefusal = editor.getByRole('alert');
    await tagRefusal.waitFor();
    expect(await tagRefusal.textContent()).toBe('“bad tag!”不能用作标签：请使用文字和数字（最多 40 个字符），可用单个空格、“-”、“_”、“.”或“/”连接。');

    await agent.page.getByRole('searchbox', { name: '搜索工单' }).fill('printer');
    await agent.page.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
    await agent.page.getByTestId('save-view-name').fill('我的打印机');
    await agent.page.getByRole('button', { name: '保存视图' }).click();
    const viewRefusal = agent.page.locator('.search-results').getByRole('alert');
    await viewRefusal.waitFor();
    expect(await viewRefusal.textContent()).toBe('该范围内已有同名视图，请换一个名称。');
    await screenshot(agent.page, 'zh-tag-and-view-refused');
  });

  it('says in Chinese why a reassignment was refused: the ticket was resolved while the dialog was open', async () => {
    const sun = await stack.factory.agent('supervisor', team, 'Sun Li');
    const gao = await stack.factory.agent('agent', team, 'Gao Yan');
    const ticket = await stack.factory.customerTicket({ subject: 'Screen cracked on arrival' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, sun.email, TEST_PASSWORD);
    await page.getByTestId('unclaimed').getByRole('button', { name: `改派 ${ticket.code}` }).click();
    const dialog = page.getByTestId('reassign-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('新负责人').selectOption(gao.id);
    await dialog.getByLabel('原因').fill('高燕熟悉这位客户');

    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(gao.auth).expect(200);
    await stack.http.post(`/api/tickets/${ticket.id}/status`).set(gao.auth).send({ status: 'resolved', resolution: 'Replacement sent' }).expect(200);
    await dialog.getByRole('button', { name: '立即改派' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('此工单已解决，负责人保持不变。');
    await screenshot(page, 'zh-reassign-refused');
  });

  it('tells a supervisor demoted while the dashboard is open that the view is gone, and leaves nothing stale to act on', async () => {
    const boss = await stack.factory.agent('supervisor', team, 'Chen Jie');
    await stack.factory.customerTicket({ subject: 'Printer on fire' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.getByTestId('bulk-actions').waitFor();
    await page.getByTestId('unclaimed').getByRole('button', { name: '改派' }).first().waitFor();

    await stack.http.patch(`/api/agents/${boss.id}`).set(admin.auth).send({ role: 'agent' }).expect(200);
    const notice = page.getByTestId('supervisor-access-lost');
    await notice.waitFor({ timeout: 5000 });
    await notice.filter({ hasText: '您已无权访问主管视图：您现在的角色是客服。' }).waitFor({ timeout: 5000 });
    expect(await page.getByTestId('bulk-actions').count()).toBe(0);
    expect(await page.getByRole('button', { name: '改派' }).count()).toBe(0);
    expect(await page.getByTestId('live-status').count()).toBe(0);
    expect(await page.getByRole('link', { name: '打开客服工作台' }).getAttribute('href')).toBe('/agent');
    await screenshot(page, 'zh-supervisor-access-lost');

    await page.getByRole('button', { name: '使用其他账号登录' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
  });
});
