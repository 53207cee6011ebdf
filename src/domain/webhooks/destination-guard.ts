import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-policy.js';

/**
 * Where a webhook may go. A URL is checked when it is registered and again before every attempt, against the addresses
 * its host resolves to then; the attempt connects to the very address that was checked (see http-sender.ts), so a DNS
 * answer that changes between the check and the connection (rebinding) cannot redirect it inside the network.
 */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Why a destination is refused, in words safe to show its owner. */
export class DestinationRefused extends Error {
  override readonly name = 'DestinationRefused';
  constructor(
    readonly reason: 'scheme' | 'credentials' | 'host' | 'unresolvable' | 'private_address',
    message: string,
  ) {
    super(message);
  }
}

/** `[::1]` → `::1`: URL keeps IPv6 literals in brackets, sockets want them bare. */
export const bareHostname = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** The URL's shape alone: http(s), a host, no user:password (a secret belongs in the signing secret, not the URL). */
export function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DestinationRefused('host', 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DestinationRefused('scheme', 'must be an http or https URL');
  if (url.username || url.password) throw new DestinationRefused('credentials', 'must not contain a user name or password');
  if (!bareHostname(url)) throw new DestinationRefused('host', 'must name a host');
  return url;
}

export class DestinationGuard {
  constructor(
    private readonly resolveHost: ResolveHost,
    private readonly allowPrivate: boolean,
  ) {}

  /** The address to connect to; throws DestinationRefused when any address the host has is not public. */
  async resolve(url: URL): Promise<ResolvedAddress> {
    const host = bareHostname(url);
    const family = isIP(host);
    let addresses: ResolvedAddress[];
    if (family === 4 || family === 6) addresses = [{ address: host, family }];
    else {
      try {
        addresses = await this.resolveHost(host);
      } catch {
        addresses = [];
      }
      if (addresses.length === 0) throw new DestinationRefused('unresolvable', `host ${host} does not resolve`);
    }
    if (!this.allowPrivate) {
      // Every answer is judged, not just the first: a mixed answer is how rebinding attacks hedge their bets.
      const blocked = addresses.find((a) => classifyAddress(a.address) !== 'public');
      if (blocked) {
        throw new DestinationRefused(
          'private_address',
          `resolves to a ${classifyAddress(blocked.address).replace('_', '-')} address, which webhooks may not reach`,
        );
      }
    }
    return addresses[0]!;
  }
}
