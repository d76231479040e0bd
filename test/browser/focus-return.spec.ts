import { generate } from 'otplib';
import type { Browser, Locator } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, signIn } from './support/chromium.js';
import { expectFocused } from './support/focus.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/**
 * A keyboard and screen-reader user's walk through saves and dialogs, in real Chromium: focus goes
 * back to what opened a form or a confirmation, or to the outcome or a neighbour when that control
 * has gone, and never falls to the page's body.
 */
describe('keyboard focus after saves and dialogs (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let team: string;
  let li: TestAgent;
  let boss: TestAgent;
  let admin: TestAgent;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1400, height: 1000 } });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    team = await stack.factory.team('Front Desk', true);
    [li, boss, admin] = await Promise.all([stack.factory.agent('agent', team, 'Li Wei'), stack.factory.agent('supervisor', team, 'Wang Fang'), stack.factory.agent('admin', null, 'Admin Zhao')]);
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('business calendars: the editor and the import panel give focus back to their buttons; a save and a delete focus the notice', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/calendars`);
    const list = page.getByTestId('calendar-list');
    await list.getByRole('row', { name: /24×7 \(UTC\)/ }).waitFor();
    const form = page.getByTestId('calendar-editor');

    const newButton = page.getByRole('button', { name: 'New calendar' });
    await newButton.press('Enter');
    await expectFocused(page, form.getByLabel('Name'));
    await form.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expectFocused(page, newButton);

    await page.keyboard.press('Enter');
    await expectFocused(page, form.getByLabel('Name'));
    await page.keyboard.type('Focus Office');
    await form.getByLabel('Time zone').fill('Asia/Shanghai');
    await form.getByRole('button', { name: 'Save calendar' }).press('Enter');
    await expectFocused(page, page.getByRole('status').filter({ hasText: 'Calendar "Focus Office" saved.' }));

    const row = list.getByRole('row', { name: /Focus Office/ });
    const importButton = row.getByRole('button', { name: 'Import .ics into Focus Office' });
    await importButton.press('Enter');
    const importer = page.getByTestId('calendar-import');
    await expectFocused(page, importer.getByLabel('iCalendar file (.ics)'));
    await importer.getByRole('button', { name: 'Close' }).press('Enter');
    await expectFocused(page, importButton);

    const editButton = row.getByRole('button', { name: 'Edit Focus Office' });
    await editButton.press('Enter');
    await expectFocused(page, form.getByLabel('Name'));
    await form.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expectFocused(page, editButton);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete Focus Office' }).press('Enter');
    await expectFocused(page, page.getByRole('status').filter({ hasText: 'Calendar "Focus Office" deleted.' }));
    await row.waitFor({ state: 'detached' });
  });

  it('canned replies: cancel returns to the opener, a save focuses its notice, the inline delete confirmation keeps focus in the row', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/canned-replies`);
    const newButton = page.getByRole('button', { name: 'New canned reply' });
    await newButton.press('Enter');
    await expectFocused(page, page.getByLabel('Title', { exact: true }));
    await page.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expectFocused(page, newButton);

    await newButton.press('Enter');
    await expectFocused(page, page.getByLabel('Title', { exact: true }));
    await page.keyboard.type('Focus check');
    await page.getByLabel('Shortcut', { exact: true }).fill('focus');
    await page.getByLabel('Text in English', { exact: true }).fill('Hello {{customer.name}}.');
    await page.getByRole('button', { name: 'Save', exact: true }).press('Enter');
    await expectFocused(page, page.getByRole('status').filter({ hasText: 'Canned reply "Focus check" saved.' }));

    const item = page.getByTestId('canned-reply').filter({ hasText: 'Focus check' });
    const deleteButton = item.getByRole('button', { name: 'Delete Focus check' });
    await deleteButton.press('Enter');
    await expectFocused(page, item.getByRole('button', { name: 'Really delete Focus check' }));
    await item.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expectFocused(page, deleteButton);
    await deleteButton.press('Enter');
    await item.getByRole('button', { name: 'Really delete Focus check' }).press('Enter');
    await expectFocused(page, page.getByRole('status').filter({ hasText: 'Canned reply "Focus check" deleted.' }));
    await item.waitFor({ state: 'detached' });
  });

  it('merging two customers focuses the outcome once the list of matches has gone', async () => {
    const survivor = await stack.factory.customerTicket({ subject: 'Invoice wrong' }, { name: 'Sun Li', email: `sun-${Date.now()}@example.com` });
    await stack.factory.customerTicket({ subject: 'Invoice still wrong' }, { name: 'S. Li Work', email: `sl-${Date.now()}@work.example` });
    const [{ customer_id: survivorId }] = await stack.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [survivor.id]);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, boss.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/agent/customers/${survivorId}`);
    const tools = page.getByTestId('customer-supervisor-tools');
    await tools.getByLabel('Find the duplicate by name, email or phone').fill('S. Li Work');
    await page.keyboard.press('Enter');
    page.once('dialog', (dialog) => void dialog.accept());
    await tools.getByRole('button', { name: 'Merge S. Li Work into this customer' }).press('Enter');
    await expectFocused(page, tools.getByTestId('customer-outcome').filter({ hasText: 'Merged; tickets moved here: 1.' }));
    expect(await tools.getByTestId('customer-matches').count()).toBe(0);
  });

  it('people: a lock keeps focus on its button (now "Unlock"); a two-factor reset, whose button goes, focuses its outcome', async () => {
    const [chen, zhao] = await Promise.all([stack.factory.agent('agent', team, 'Chen Jie'), stack.factory.agent('senior', team, 'Zhao Lei')]);
    const started = await stack.http.post('/api/auth/two-factor/enrolment').set(zhao.auth).expect(200);
    await stack.http.post('/api/auth/two-factor/enrolment/confirm').set(zhao.auth).send({ code: await generate({ secret: started.body.secret }) }).expect(200);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, admin.email, TEST_PASSWORD);
    await page.goto(`${stack.baseUrl}/supervisor/people`);
    const chenRow = page.locator(`[data-agent="${chen.email}"]`);
    page.once('dialog', (dialog) => void dialog.accept());
    await chenRow.getByRole('button', { name: 'Lock Chen Jie' }).press('Enter');
    await expectFocused(page, chenRow.getByRole('button', { name: 'Unlock Chen Jie' }));
    await page.getByRole('status').filter({ hasText: 'Chen Jie is locked' }).waitFor();

    const zhaoRow = page.locator(`[data-agent="${zhao.email}"]`);
    page.once('dialog', (dialog) => void dialog.accept());
    await zhaoRow.getByRole('button', { name: 'Reset two-factor for Zhao Lei' }).press('Enter');
    await expectFocused(page, page.getByRole('status').filter({ hasText: "Zhao Lei's two-factor sign-in is reset" }));
    await zhaoRow.getByText('Off', { exact: true }).waitFor();
  });

  it('the new-issue form: a refused send moves focus to the first field to fix, or to the problem when the server failed, not leaving it on Send', async () => {
    const { page } = await pages.open();
    await page.goto(stack.baseUrl);
    const form = page.locator('form.new-issue');
    const send = form.getByRole('button', { name: 'Send my issue' });
    const describedBy = (field: Locator) =>
      field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ').trim());

    // Checked in the page (past the browser's own checks): the first field to fix, in the form's order, says what is wrong with it.
    await form.getByLabel('Your name').fill('Mei Chen');
    await form.getByLabel('Email', { exact: true }).fill('mei.chen@example');
    await form.getByLabel('Phone').fill('call me');
    await form.getByLabel('Subject').fill('Charged twice');
    await form.getByLabel('What happened?').fill('Two payments for one order.');
    await send.press('Enter');
    const email = form.getByLabel('Email', { exact: true });
    await expectFocused(page, email);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(email)).toContain('Please enter a valid email address');
    await form.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' }).waitFor();

    // Fixed, a field stops saying it is wrong at once; the summary stays while another is still wrong, and goes with the last.
    const phone = form.getByLabel('Phone');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    await email.fill('mei.chen@example.com');
    expect(await email.getAttribute('aria-invalid')).not.toBe('true');
    expect(await describedBy(email)).not.toContain('Please enter a valid email address');
    await form.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' }).waitFor();
    await phone.fill('');
    expect(await phone.getAttribute('aria-invalid')).not.toBe('true');
    await form.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' }).waitFor({ state: 'detached' });

    // Refused by the server, field by field: its first field.
    let answer: { status: number; body: Record<string, unknown> } = {
      status: 400,
      body: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'Invalid', errors: [{ field: 'description', messages: ['description is too short'] }] },
    };
    await page.route('**/api/tickets', (route) => route.fulfill({ status: answer.status, contentType: 'application/problem+json', body: JSON.stringify(answer.body) }));
    await send.press('Enter');
    await expectFocused(page, form.getByLabel('What happened?'));

    // The server failed: the message saying so, announced as an alert.
    answer = { status: 503, body: { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'Try again in a minute.' } };
    await send.press('Enter');
    const problem = form.getByTestId('new-issue-problem');
    await expectFocused(page, problem);
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await problem.textContent()).toContain('Try again in a minute.');
  });

  it('the reassign dialog gives focus back to the Reassign button that opened it, on cancel and after reassigning; to the outcome when the button has gone', async () => {
    const waiting = await stack.factory.customerTicket({ subject: 'Focus: parcel lost' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    const opener = page.getByTestId('unclaimed').getByRole('button', { name: `Reassign ${waiting.code}` });
    const dialog = page.getByTestId('reassign-dialog');

    await opener.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(page, opener);

    await opener.press('Enter');
    await dialog.getByLabel('New owner').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(page, opener);

    // Reassigned, the ticket leaves "unclaimed" and its button with it: focus goes to the confirmation.
    await opener.press('Enter');
    await dialog.getByLabel('New owner').selectOption({ label: 'Li Wei (Agent) · Offline' });
    await dialog.getByLabel('Reason').fill('Li knows this customer');
    await dialog.getByRole('button', { name: 'Reassign now' }).press('Enter');
    await opener.waitFor({ state: 'detached' });
    await expectFocused(page, page.getByTestId('reassigned').filter({ hasText: `${waiting.code} reassigned to Li Wei.` }));

    // On the ticket's own page the button stays: focus comes back to it.
    const zhang = await stack.factory.agent('agent', team, 'Zhang Min');
    const owned = await stack.factory.customerTicket({ subject: 'Focus: refund stuck' });
    await stack.http.post(`/api/tickets/${owned.id}/claim`).set(li.auth).expect(200);
    await page.goto(`${stack.baseUrl}/agent/tickets/${owned.id}`);
    const ownPageOpener = page.getByTestId('supervisor-reassign').getByRole('button', { name: `Reassign ${owned.code}` });
    await ownPageOpener.press('Enter');
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expectFocused(page, ownPageOpener);
    await ownPageOpener.press('Enter');
    await dialog.getByLabel('New owner').selectOption({ label: 'Zhang Min (Agent) · Offline' });
    await dialog.getByLabel('Reason').fill('Li is on leave');
    await dialog.getByRole('button', { name: 'Reassign now' }).press('Enter');
    await page.getByTestId('ownership').filter({ hasText: 'Zhang Min' }).waitFor();
    await expectFocused(page, ownPageOpener);
    expect((await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [owned.id]))[0].owner_id).toBe(zhang.id);
  });

  it('the macro confirmation gives focus back to "Apply…" on cancel, and to what was done once applied', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Focus: label printer' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.http.post('/api/macros').set(li.auth).send({ name: 'Tag printer', scope: 'personal', addTags: ['printer'] }).expect(201);
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const menu = page.getByTestId('macros-menu');
    const confirm = page.getByTestId('macro-confirm');
    await menu.getByLabel('Macro').selectOption({ label: 'Tag printer' });
    const apply = menu.getByRole('button', { name: 'Apply…' });

    await apply.press('Enter');
    await confirm.getByRole('button', { name: 'Cancel' }).press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await expectFocused(page, apply);

    await apply.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await expectFocused(page, apply);

    // Applied, the choice is cleared and "Apply…" disabled: focus goes to the outcome.
    await apply.press('Enter');
    await confirm.getByRole('button', { name: 'Apply macro' }).press('Enter');
    await expectFocused(page, menu.getByRole('status').filter({ hasText: 'Macro applied.' }));
    expect((await stack.database.db.query(`SELECT tags FROM tickets WHERE id = $1`, [ticket.id]))[0].tags).toEqual(['printer']);
  });

  it('claiming from the ticket page: the Claim button goes, focus goes to the banner saying who owns it now', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Focus: scanner offline' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const banner = page.getByTestId('ownership');
    await banner.getByRole('button', { name: `Claim ${ticket.code}` }).press('Enter');
    await expectFocused(page, banner.filter({ hasText: 'You own this ticket' }));
    expect((await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]))[0].owner_id).toBe(li.id);
  });

  it('a ticket opened from the queue with Enter focuses its heading; going back focuses its row again', async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Focus: headset crackles' });
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    const rowLink = page.locator(`[data-testid="list-queue"] [data-ticket-code="${ticket.code}"] a.queue-open`);
    await rowLink.press('Enter');
    await expectFocused(page, page.getByRole('heading', { level: 1, name: new RegExp(ticket.code) }));
    await page.goBack();
    await expectFocused(page, rowLink);
  });

  it("a failed sign-in focuses the password again; a claim from the queue with `c` focuses the claimed ticket's reply box", async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Focus: label printer' });
    const { page } = await pages.open();
    await page.goto(`${stack.baseUrl}/agent`);
    await page.getByLabel('Email').fill(li.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    await expectFocused(page, page.getByLabel('Password'));
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');

    const row = page.locator(`.queue-row[data-ticket-code="${ticket.code}"] a[data-queue-index]`);
    const index = Number(await row.getAttribute('data-queue-index'));
    // One step at a time: each `j` moves on from the row the one before selected.
    for (let i = 0; i <= index; i++) {
      await page.keyboard.press('j');
      await expectFocused(page, page.locator(`a[data-queue-index="${i}"]`));
    }
    await expectFocused(page, row);
    await page.keyboard.press('c');
    await expectFocused(page, page.getByTestId('ticket-page').getByLabel('Message', { exact: true }));
    expect((await stack.database.db.query(`SELECT owner_id FROM tickets WHERE id = $1`, [ticket.id]))[0].owner_id).toBe(li.id);
  });

  it('a saved view takes focus once saved; deleting one moves focus to the next view, and from the last to the search box', async () => {
    await stack.factory.customerTicket({ subject: 'Printer jammed' });
    await stack.http.post('/api/views').set(li.auth).send({ name: 'Focus first', scope: 'personal', filters: { status: ['open'] } }).expect(201);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent`, li.email, TEST_PASSWORD);
    await page.getByText('Filters and order').click();
    await page.getByTestId('search-filter-status').selectOption('new');
    await page.getByTestId('search-results').locator('li').first().waitFor();
    await page.getByTestId('save-view-name').fill('Focus second');
    await page.getByRole('button', { name: 'Save view' }).press('Enter');
    const views = page.getByTestId('saved-views');
    await expectFocused(page, views.locator('[data-view-name="Focus second"]'));

    await views.getByRole('button', { name: 'Delete view Focus first' }).press('Enter');
    await expectFocused(page, views.locator('[data-view-name="Focus second"]'));
    await views.getByRole('button', { name: 'Delete view Focus second' }).press('Enter');
    await expectFocused(page, page.getByTestId('search-input'));
    await views.waitFor({ state: 'detached' });
  });
});
