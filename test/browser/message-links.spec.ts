import type { Browser, Locator, Request } from 'playwright-core';
import { TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

const REL = 'noopener noreferrer nofollow ugc';

/** Every anchor in a message's text: what it says, where it goes, how it opens. */
const anchorsIn = (body: Locator) =>
  body.locator('a').evaluateAll((anchors) =>
    anchors.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })),
  );

/** Links in messages, in real Chromium: clickable for the agent and the customer, nothing but http(s) and mailto, no Referer. */
describe('links in messages (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let li: TestAgent;
  const pages = new OpenedPages(() => browser);
  const trackUrl = (ticket: { code: string; trackingToken: string }) => `${stack.baseUrl}/track/${ticket.code}#token=${ticket.trackingToken}`;

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

  it("shows the agent a customer's web and email addresses as links, the trailing dot and a javascript: text left as text", async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Order not delivered', description: 'Tracking says delivered, www.acme.example/track shows nothing.' });
    const written = 'My order is https://acme.example/order/123.\nPlease answer to help@acme.example, not javascript:alert(1)\n\n  Thanks!';
    await stack.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: written }).expect(201);

    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/agent/tickets/${ticket.id}`, li.email, TEST_PASSWORD);
    const body = page.locator('[data-testid="timeline"] [data-type="customer_replied"] .event-body');
    await body.locator('a').nth(1).waitFor();
    expect(await anchorsIn(body)).toEqual([
      { text: 'https://acme.example/order/123', href: 'https://acme.example/order/123', target: '_blank', rel: REL },
      { text: 'help@acme.example', href: 'mailto:help@acme.example', target: '_blank', rel: REL },
    ]);
    // The text is the customer's, character for character: the dot, the line breaks, the spaces.
    expect(await body.textContent()).toBe(written);
    expect(await body.getByRole('link', { name: 'https://acme.example/order/123', exact: true }).count()).toBe(1);
    // The description, the customer's first message, is linked the same way (a www. host opened with https).
    expect(await anchorsIn(page.getByTestId('ticket-description'))).toEqual([{ text: 'www.acme.example/track', href: 'https://www.acme.example/track', target: '_blank', rel: REL }]);
    expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count()).toBe(0);
    await screenshot(page, 'message-links-agent');
  });

  it("shows the customer an agent's link on the tracking page, fitting a phone, and opening it sends no Referer", async () => {
    const ticket = await stack.factory.customerTicket({ subject: 'Return label' });
    await stack.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const long = `https://acme.example/returns/${ticket.code}/label?format=pdf&lang=zh-CN&token=${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2)}`;
    await stack.http
      .post(`/api/tickets/${ticket.id}/messages`)
      .set(li.auth)
      .send({ body: `Your label: ${long}。\n(See https://acme.example/returns/help), or write to returns@acme.example. javascript:alert(1)`, visibility: 'public' })
      .expect(201);

    const { context, page } = await pages.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const opened: Request[] = [];
    await context.route('https://acme.example/**', async (route) => {
      opened.push(route.request());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Acme returns</p>' });
    });
    const answer = await page.goto(trackUrl(ticket));
    // The tracking page's address carries its private code: the page itself sends no Referer either.
    expect(answer?.headers()['referrer-policy']).toBe('no-referrer');
    const body = page.locator('[data-testid="customer-timeline"] [data-type="agent_replied"] .entry-body');
    await body.locator('a').nth(2).waitFor();
    expect(await anchorsIn(body)).toEqual([
      { text: long, href: long, target: '_blank', rel: REL },
      { text: 'https://acme.example/returns/help', href: 'https://acme.example/returns/help', target: '_blank', rel: REL },
      { text: 'returns@acme.example', href: 'mailto:returns@acme.example', target: '_blank', rel: REL },
    ]);
    expect(await body.textContent()).toContain('javascript:alert(1)');
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    const fit = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
    expect(fit[0]).toBeLessThanOrEqual(fit[1]);
    expect(fit[1]).toBe(390);

    const [tab] = await Promise.all([context.waitForEvent('page'), body.getByRole('link', { name: 'https://acme.example/returns/help', exact: true }).click()]);
    await tab.getByText('Acme returns').waitFor();
    expect(opened.map((r) => r.url())).toEqual(['https://acme.example/returns/help']);
    expect(await opened[0]!.allHeaders()).not.toHaveProperty('referer');
    // noopener: the opened page cannot reach back to the tracking page.
    expect(await tab.evaluate('window.opener')).toBeNull();
    await screenshot(page, 'message-links-customer-phone', { fullPage: true });
  });
});
