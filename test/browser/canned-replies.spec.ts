import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { fieldHolds, launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Canned replies in real Chromium: made on their page, inserted with / in the composer, filled, sent. */
describe('canned replies in the agent console (Chromium)', () => {
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

  it('an agent writes a canned reply, types /than in the reply box, picks it with the arrow keys, sees it filled and sends it', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Parcel never arrived' }, { name: 'Ana Costa', locale: 'en' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    // Another reply that sorts first for "/than", so picking ours takes an arrow key.
    await stack.http.post('/api/canned-replies').set(li.auth).send({ scope: 'personal', title: 'A short thanks', shortcut: 'thanks-short', bodyEn: 'Thanks!' }).expect(201);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Canned replies' }).click();
    await page.getByRole('heading', { name: 'Canned replies', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New canned reply' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Thanks and next update');
    await page.getByLabel('Shortcut', { exact: true }).fill('thanks');
    const body = page.getByLabel('Text in English', { exact: true });

    // A placeholder we cannot fill is refused, named, and nothing is saved.
    await body.fill('Hi {{customer.name}}, order {{order.id}}.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').getByText('{{order.id}}', { exact: false }).waitFor();
    expect((await stack.database.db.query(`SELECT count(*)::int AS n FROM canned_replies`))[0].n).toBe(1);

    await body.fill('Hi {{customer.name}}, this is {{agent.name}} about {{ticket.code}}. Next update by {{ticket.next_update_due}}.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('canned-reply').filter({ hasText: '/thanks' }).filter({ hasText: 'Thanks and next update' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'canned-replies-page', { doc: true });

    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    const composer = page.getByLabel('Message', { exact: true });
    await composer.click();
    await page.keyboard.type('Hello!\n/than');
    const popup = page.getByRole('listbox', { name: 'Canned replies' });
    await popup.getByRole('option').nth(1).waitFor();
    expect(await popup.getByRole('option').allTextContents()).toEqual([expect.stringContaining('/thanks-short'), expect.stringContaining('/thanks')]);
    expect(await popup.getByRole('option', { selected: true }).textContent()).toContain('A short thanks');
    await page.keyboard.press('ArrowDown');
    expect(await popup.getByRole('option', { selected: true }).textContent()).toContain('Thanks and next update');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'canned-replies-popup', { doc: true });
    await page.keyboard.press('Enter');

    const [row] = await stack.database.db.query(`SELECT next_update_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    const due = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(row.next_update_due_at);
    const filled = `Hi Ana Costa, this is Li Wei about ${ticket.code}. Next update by ${due} (GMT+8).`;
    await fieldHolds(page.locator('textarea[name="body"]'), `Hello!\n${filled}`);
    await popup.waitFor({ state: 'detached' });
    // The caret sits after the inserted text: typing goes on from there.
    await page.keyboard.type(' Bye.');
    expect(await composer.inputValue()).toBe(`Hello!\n${filled} Bye.`);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('timeline').getByText(filled, { exact: false }).waitFor({ timeout: 5000 });
    const [message] = await stack.database.db.query(`SELECT body, visibility FROM messages WHERE ticket_id = $1 ORDER BY event_seq DESC LIMIT 1`, [ticket.id]);
    expect(message).toEqual({ body: `Hello!\n${filled} Bye.`, visibility: 'public' });
    const counts = await stack.database.db.query(`SELECT shortcut, use_count FROM canned_replies ORDER BY shortcut`);
    expect(counts).toEqual([
      { shortcut: 'thanks', use_count: 1 },
      { shortcut: 'thanks-short', use_count: 0 },
    ]);
  });

  it('in Chinese: the page and the popup speak zh-CN, and a slash inside a word opens nothing', async () => {
    const ticket = await stack.factory.customerTicket({ subject: '包裹没有收到' }, { name: '王小明', locale: 'zh-CN' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post('/api/canned-replies').set(li.auth).send({ scope: 'personal', title: '问候', shortcut: '问候', bodyZhCn: '{{customer.name}}您好，工单{{ticket.code}}正在处理。' }).expect(201);

    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    const composer = page.getByLabel('消息内容', { exact: true });
    await composer.click();
    await page.keyboard.type('and/or ');
    expect(await page.getByTestId('canned-popup').count()).toBe(0);
    await page.keyboard.type('/问');
    const popup = page.getByRole('listbox', { name: '快捷回复' });
    await popup.getByRole('option', { name: /问候/ }).waitFor();
    await page.getByText('↑ ↓ 选择，回车插入，Esc 关闭').waitFor();
    await page.keyboard.press('Enter');
    await fieldHolds(page.locator('textarea[name="body"]'), `and/or 王小明您好，工单${ticket.code}正在处理。`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
