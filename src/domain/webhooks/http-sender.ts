import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bareHostname, type ResolvedAddress } from './destination-guard.js';
import type { AttemptOutcome } from './webhook-types.js';

/**
 * One signed POST to a receiver. It connects to the address the guard checked (a `lookup` that answers with it, so no
 * second DNS query can differ), follows no redirects (a 3xx is a failed attempt: a redirect could point anywhere), and
 * gives up after `timeoutMs` in all, from connecting to the end of the response. The response body is read and
 * dropped (at most MAX_RESPONSE_BYTES), so the connection can be reused.
 */
export interface SendResult {
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

export interface SendRequest {
  readonly url: URL;
  readonly address: ResolvedAddress;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = 'Homeostat-Webhooks/1';

// Keep-alive pools: a receiver getting a burst of events is not handshaken once per event.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 32, timeout: 30_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 32, timeout: 30_000 }),
};

const pinnedLookup =
  (pinned: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

class AttemptTimeout extends Error {}

export function sendSigned(request: SendRequest): Promise<SendResult> {
  const { url } = request;
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let timedOut = false;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const outgoing = client.request({
      method: 'POST',
      protocol: url.protocol,
      host: bareHostname(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      agent: agents[url.protocol as 'http:' | 'https:'],
      lookup: pinnedLookup(request.address),
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(request.body)),
        'user-agent': USER_AGENT,
      },
    });
    const deadline = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new AttemptTimeout());
    }, request.timeoutMs);
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_RESPONSE_BYTES) response.destroy();
      });
      const done = () => {
        if (timedOut) finish({ outcome: 'timeout', statusCode: status, error: `response not finished within ${request.timeoutMs} ms` });
        else if (status >= 200 && status < 300) finish({ outcome: 'success', statusCode: status, error: null });
        else if (status >= 300 && status < 400)
          finish({ outcome: 'redirect', statusCode: status, error: `answered ${status}; redirects are not followed` });
        else finish({ outcome: 'http_error', statusCode: status, error: `answered ${status}` });
      };
      response.on('end', done);
      // A body cut short (too long, or the receiver hung up) still leaves its status as the answer.
      response.on('close', done);
      response.on('error', () => undefined);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AttemptTimeout)
        finish({ outcome: 'timeout', statusCode: null, error: `no answer within ${request.timeoutMs} ms` });
      else finish({ outcome: 'network_error', statusCode: null, error: error.code ?? error.message });
    });
    outgoing.end(request.body);
  });
}
