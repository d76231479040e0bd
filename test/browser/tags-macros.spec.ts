import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** Tags, macros and bulk actions in real Chromium against the built API, gateway and PostgreSQL. */
describe('tags, macros and bulk actions (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  let zhang: TestAgent;
  let boss: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1280, height: 1000 } });

  const claimed = async (subject: string, by: TestAgent, customer: Record<string, unknown> = {}) => {
    const ticket = await stack.factory.customerTicket({ subject }, customer);
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(by.auth).expect(200);
    return ticket;
  };
  const row = async (ticketId: string) => (await stack.factory.snapshot(ticketId)).ticket;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    const team = await stack.factory.team('Front Desk', true);
    li = await stack.factory.agent('agent', team, 'Li Wei');
    zhang = await stack.factory.agent('agent', team, 'Zhang Min');
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('edits tags on a ticket the agent does not own: a typed tag, a suggestion, a removal, each on the timeline', async () => {
    const earlier = await stack.factory.customerTicket({ subject: 'Printer jams' });
    await stack.http.patch(`/api/tickets/${earlier.id}/tags`).set(zhang.auth).send({ add: ['printer', 'paper-jam'] }).expect(200);
    const ticket = await claimed('Printer jams again', zhang);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const editor = page.getByTestId('tags-editor');
    await editor.getByLabel('Add a tag').fill('  URGENT Fix ');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('listitem').filter({ hasText: 'urgent fix' }).waitFor();

    await editor.getByLabel('Add a tag').fill('pri');
    await editor.getByRole('group', { name: 'Suggestions' }).getByRole('button', { name: /^printer/ }).click();
    await editor.getByRole('listitem').filter({ hasText: 'printer' }).waitFor();
    await editor.getByRole('button', { name: 'Remove tag urgent fix' }).click();
    await editor.getByRole('listitem').filter({ hasText: 'urgent fix' }).waitFor({ state: 'detached' });

    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Tags: +urgent fix').waitFor();
    await timeline.getByText('Tags: +printer').waitFor();
    await timeline.getByText('Tags: −urgent fix').waitFor();
    expect((await row(ticket.id)).tags).toEqual(['printer']);

    // Too long is said, not cut short; typing a sign asks for no suggestions (and gets no refusal).
    const refusals: string[] = [];
    page.on('response', (r) => r.url().includes('/api/tags') && r.status() >= 400 && refusals.push(`${r.status()} ${r.url()}`));
    await editor.getByLabel('Add a tag').fill('a'.repeat(60));
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByText('A tag may have at most 40 characters.').waitFor();
    await editor.getByLabel('Add a tag').fill('bad tag!');
    await page.waitForTimeout(600); // past the suggestions' debounce
    expect(refusals).toEqual([]);
    expect((await row(ticket.id)).tags).toEqual(['printer']);
    await editor.getByLabel('Add a tag').fill('');
    await screenshot(page, 'agent-tags-editor');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('creates a macro, then applies it as the owner after a confirmation that says what it will do', async () => {
    const ticket = await claimed('Refund not received', li, { name: 'Zhang Wei', locale: 'en' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/macros`, li.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByTestId('macro-form');
    await form.getByLabel('Name').fill('Waiting on the bank');
    await form.getByLabel('Reply (English)').fill('Hi {{customer.name}}, we asked the bank about {{ticket.code}}. Next update by {{ticket.next_update_due}}.');
    await form.getByLabel('Status').selectOption('pending_customer');
    await form.getByLabel('Priority').selectOption('high');
    await form.getByLabel('Tags to add (comma-separated)').fill('Bank, refund');
    await form.getByRole('button', { name: 'Save macro' }).click();
    await page.getByTestId('macro-manager').getByText('Waiting on the bank').waitFor();

    await page.goto(`${stack.baseUrl}/agent/tickets/${ticket.id}`);
    const menu = page.getByTestId('macros-menu');
    await menu.getByLabel('Macro').selectOption({ label: 'Waiting on the bank' });
    await menu.getByRole('button', { name: 'Apply…' }).click();
    const confirm = page.getByTestId('macro-confirm');
    // The confirmation shows the reply filled in, as it will be sent, not its placeholders.
    const preview = confirm.getByText(`Reply to the customer: “Hi Zhang Wei, we asked the bank about ${ticket.code}. Next update by `);
    await preview.waitFor();
    const previewed = await preview.textContent();
    expect(previewed).not.toContain('{{');
    await confirm.getByText('Set the status to Waiting for customer').waitFor();
    await confirm.getByText('Set the priority to High').waitFor();
    await confirm.getByText('Add tags: bank, refund').waitFor();
    await screenshot(page, 'agent-macro-confirm');
    await confirm.getByRole('button', { name: 'Apply macro' }).click();

    await menu.getByText('Macro applied.').waitFor();
    await page.getByTestId('timeline').getByText(`Hi Zhang Wei, we asked the bank about ${ticket.code}.`, { exact: false }).waitFor();
    expect(await row(ticket.id)).toMatchObject({ status: 'pending_customer', priority: 'high', tags: ['bank', 'refund'] });
    const { messages } = await stack.factory.snapshot(ticket.id);
    expect(previewed).toBe(`Reply to the customer: “${messages.at(-1).body}”`);
  });

  it("shows a non-owner the limited version of a macro and applies only that", async () => {
    const ticket = await claimed('Wrong size delivered', li);
    await stack.http.post('/api/macros').set(zhang.auth).send({ name: 'Resolve with apology', scope: 'personal', reply: { en: 'Sorry about that.' }, status: 'resolved', addTags: ['apology'] }).expect(201);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, zhang.email, TEST_PASSWORD);
    const menu = page.getByTestId('macros-menu');
    await menu.getByLabel('Macro').selectOption({ label: 'Resolve with apology' });
    await menu.getByRole('button', { name: 'Apply…' }).click();
    const confirm = page.getByTestId('macro-confirm');
    await confirm.getByText(/limited version/).waitFor();
    await confirm.getByText('Add an internal note: “Sorry about that.”').waitFor();
    await confirm.getByText('Left out (only the owner may do this): status').waitFor();
    expect(await confirm.getByText('Set the status to').count()).toBe(0);
    await confirm.getByRole('button', { name: 'Apply macro' }).click();
    await menu.getByText(/Macro applied\. Left out/).waitFor();
    const { ticket: stored, messages } = await stack.factory.snapshot(ticket.id);
    expect(stored).toMatchObject({ status: 'open', tags: ['apology'] });
    expect(messages.at(-1)).toMatchObject({ visibility: 'internal', body: 'Sorry about that.' });
  });

  it('keeps a long macro name inside the macros panel', async () => {
    const ticket = await claimed('Parcel never arrived', li);
    const name = 'Waiting on the bank: refund asked, customer told 3-5 days / 等待银行回复';
    await stack.http.post('/api/macros').set(li.auth).send({ name, scope: 'personal', reply: { en: 'We asked the bank.' } }).expect(201);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const menu = page.getByTestId('macros-menu');
    await menu.getByLabel('Macro').locator('option', { hasText: name }).waitFor({ state: 'attached' });
    // The select is as wide as its longest option unless something stops it.
    const [select, panel] = await Promise.all([menu.getByLabel('Macro').boundingBox(), menu.boundingBox()]);
    expect(select!.x + select!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
  });

  it('bulk-closes two tickets as spam from the supervisor dashboard and lists the result per ticket', async () => {
    const spam1 = await stack.factory.customerTicket({ subject: 'Cheap watches 1' });
    const spam2 = await claimed('Cheap watches 2', li);
    const { page } = await pages.open();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const panel = page.getByTestId('bulk-actions');
    await panel.getByLabel(`Select ${spam1.code}`).check();
    await panel.getByLabel(`Select ${spam2.code}`).check();
    await panel.getByText('2 selected').waitFor();
    // The reassign picker names each colleague with their role, as the single reassign dialog does.
    await panel.getByLabel('Action').selectOption('reassign');
    expect(await panel.getByLabel('New owner').locator('option').allTextContents()).toContain('Li Wei (Agent)');
    await panel.getByLabel('Action').selectOption('close_as_spam');
    await panel.getByRole('button', { name: 'Apply to selected' }).click();

    const results = page.getByTestId('bulk-results');
    await results.getByText('Results: 2 done, 0 refused').waitFor();
    await results.getByRole('listitem').filter({ hasText: spam1.code }).filter({ hasText: 'done' }).waitFor();
    await results.getByRole('listitem').filter({ hasText: spam2.code }).filter({ hasText: 'done' }).waitFor();
    for (const id of [spam1.id, spam2.id]) expect(await row(id)).toMatchObject({ status: 'closed', resolution: 'spam', tags: ['spam'] });
    await panel.getByLabel(`Select ${spam1.code}`).waitFor({ state: 'detached' });
    await screenshot(page, 'supervisor-bulk-spam', { fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The sender of the never-claimed one sees it closed, not handled: no agent steps done, nothing to rate.
    const sender = await pages.open();
    await sender.page.goto(`${stack.baseUrl}/track/${spam1.code}#token=${encodeURIComponent(spam1.trackingToken)}`);
    const map = sender.page.getByTestId('service-map');
    await map.locator('[data-step="closed"][data-state="done"]').waitFor();
    expect(await map.locator('li').evaluateAll((steps) => steps.map((s) => `${s.getAttribute('data-step')}:${s.getAttribute('data-state')}`))).toEqual([
      'submitted:done',
      'taken:skipped',
      'in_progress:skipped',
      'waiting_for_you:skipped',
      'closed:done',
    ]);
    expect(await sender.page.locator('fieldset.rating').count()).toBe(0);
  });

  it('shows the tags editor and macros menu in Chinese', async () => {
    const ticket = await claimed('发票问题', li, { locale: 'zh-CN' });
    const { page } = await pages.open({ locale: 'zh-CN' });
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    await page.getByTestId('tags-editor').getByRole('heading', { name: '标签' }).waitFor();
    await page.getByTestId('tags-editor').getByLabel('添加标签').fill('发票');
    await page.getByTestId('tags-editor').getByRole('button', { name: '添加', exact: true }).click();
    await page.getByTestId('timeline').getByText('标签：+发票').waitFor();
    await page.getByTestId('macros-menu').getByRole('heading', { name: '宏' }).waitFor();
  });
});
