import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpSmsSender, SmsProviderError } from './sms.channel.js';

/** A local stand-in for an SMS relay. */
let server: Server;
let url: string;
let status = 200;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeEach(async () => {
  received.length = 0;
  status = 200;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('HttpSmsSender', () => {
  it('posts {to, body} as JSON with the bearer token', async () => {
    await new HttpSmsSender(url, 'tok-1').send('+14155550123', 'Homeostat: hello');
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual({ to: '+14155550123', body: 'Homeostat: hello' });
  });

  it('calls a 5xx or 429 transient and a 4xx final', async () => {
    status = 503;
    await expect(new HttpSmsSender(url, undefined).send('+14155550123', 'x')).rejects.toMatchObject({ transient: true });
    status = 400;
    const error = await new HttpSmsSender(url, undefined).send('+14155550123', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsProviderError);
    expect(error).toMatchObject({ transient: false });
    expect(received[1]!.headers.authorization).toBeUndefined();
  });

  it('calls an unreachable provider transient', async () => {
    await expect(new HttpSmsSender('http://127.0.0.1:1/send', 't', 2000).send('+14155550123', 'x')).rejects.toMatchObject({
      transient: true,
    });
  });
});
