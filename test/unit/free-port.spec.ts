import { createServer } from 'node:net';
import { freePort } from '../../scripts/lib/services.mjs';

describe('free loopback ports for the services of one stack', () => {
  it('never hands out a port twice, even before its first caller listens on it', async () => {
    // 200 picks from about 12,000 ports: without the record of handed-out ports, two of them
    // coincide in about four runs of five (a CI run once gave an API and its inbox the same port).
    const ports = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('hands out a port nothing listens on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
