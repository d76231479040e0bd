import { DeliveryFailed } from './delivery-failed.js';
import { WebhookTargetGuard, type HostResolver } from './webhook-target.guard.js';

const resolvingTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const strict = { allowPrivateTargets: false };

async function refusal(guard: WebhookTargetGuard, url: string): Promise<DeliveryFailed> {
  const error = await guard.vet(url).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DeliveryFailed)) throw new Error(`expected ${url} to be refused`);
  return error;
}

describe('WebhookTargetGuard', () => {
  it('lets a public host through and pins the address it checked', async () => {
    const guard = new WebhookTargetGuard(strict, resolvingTo('93.184.216.34'));
    await expect(guard.vet('https://hooks.example.com/firsthand')).resolves.toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('refuses a host when any of its addresses is private', async () => {
    const guard = new WebhookTargetGuard(strict, resolvingTo('93.184.216.34', '10.0.0.7'));
    const error = await refusal(guard, 'https://hooks.example.com/x');
    expect(error).toMatchObject({ code: 'ssrf_refused', retryable: false });
    expect(error.message).toContain('resolves to 10.0.0.7 (private)');
  });

  it.each([
    ['http://10.1.2.3/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback, IPv4-mapped'],
    ['http://2130706433/', 'loopback'], // 127.0.0.1 written as one number: the URL parser normalises it
    ['http://0x7f.1/', 'loopback'],
  ])('refuses the literal address in %s', async (url, kind) => {
    const asked: string[] = [];
    const resolver: HostResolver = async (hostname) => {
      asked.push(hostname);
      return [{ address: '93.184.216.34', family: 4 }];
    };
    const error = await refusal(new WebhookTargetGuard(strict, resolver), url);
    expect(error.code).toBe('ssrf_refused');
    expect(error.message).toContain(kind);
    expect(asked).toEqual([]);
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com/'])('refuses the scheme of %s', async (url) => {
    const error = await refusal(new WebhookTargetGuard(strict, resolvingTo('93.184.216.34')), url);
    expect(error).toMatchObject({ code: 'ssrf_refused' });
    expect(error.message).toMatch(/only http and https/);
  });

  it('says an unusable URL is invalid', async () => {
    expect(await refusal(new WebhookTargetGuard(strict), 'not a url')).toMatchObject({ code: 'invalid_target', retryable: false });
  });

  it('treats a failed lookup as worth a retry', async () => {
    const failing: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    expect(await refusal(new WebhookTargetGuard(strict, failing), 'https://hooks.example.com/')).toMatchObject({ code: 'unreachable', retryable: true });
  });

  it('lets an operator allow ranges, including their IPv4-mapped form', async () => {
    const guard = new WebhookTargetGuard({ allowPrivateTargets: false, allowedCidrs: ['10.20.0.0/16'] }, resolvingTo('10.20.3.4'));
    await expect(guard.vet('https://crm.internal/hook')).resolves.toMatchObject({ address: '10.20.3.4' });
    await expect(guard.vet('http://[::ffff:10.20.3.4]/')).resolves.toMatchObject({ address: '::ffff:a14:304', family: 6 });
    expect((await refusal(guard, 'http://10.21.0.1/')).code).toBe('ssrf_refused');
  });

  it('allows everything http(s) when private targets are allowed', async () => {
    const guard = new WebhookTargetGuard({ allowPrivateTargets: true }, resolvingTo('127.0.0.1'));
    await expect(guard.vet('http://localhost:3002/webhooks')).resolves.toMatchObject({ address: '127.0.0.1' });
    expect((await refusal(guard, 'file:///etc/passwd')).code).toBe('ssrf_refused');
  });

  it('refuses a bad allowed range when it is built, not when it is used', () => {
    expect(() => new WebhookTargetGuard({ allowPrivateTargets: false, allowedCidrs: ['10.0.0.0/99'] })).toThrow(/not an IP range/);
  });
});
