import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from '../../webhooks/index.js';

/**
 * One POST of an encrypted push message (RFC 8030 §5) to the address the SSRF guard checked: a `lookup` that answers
 * with it, so a second DNS answer cannot redirect the request (the same pinning as webhook deliveries). No redirects
 * are followed; the response body is drained and dropped. Resolves with the status code, rejects on network errors.
 */
export interface PushRequest {
  readonly url: URL;
  readonly address: ResolvedAddress;
  readonly headers: Record<string, string | number>;
  readonly body: Buffer | null;
  readonly timeoutMs: number;
}

const pinnedLookup =
  (pinned: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

export function postPush(request: PushRequest): Promise<number> {
  const { url } = request;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const outgoing = client.request({
      method: 'POST',
      protocol: url.protocol,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      lookup: pinnedLookup(request.address),
      // web-push's headers carry Content-Length, TTL, Content-Encoding, Urgency, Topic and the VAPID Authorization.
      headers: request.headers,
      timeout: request.timeoutMs,
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('push service timed out')));
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.end(request.body ?? undefined);
  });
}
