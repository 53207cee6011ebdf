import { DestinationRefused, parseWebhookUrl, type DestinationGuard } from '../../webhooks/index.js';
import type { DeliveryOutcome, Notice, Recipient } from '../notice.js';
import type { PushSubscriptions } from '../push-subscriptions.js';
import type { NotificationOutbox } from './outbox.js';
import { postPush } from './push-sender.js';

/** VAPID (RFC 8292): the server's key pair and a contact (`mailto:` or `https:`) push services can reach. */
export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
  readonly subject: string;
}

/** How long a push service keeps a message for an offline device (RFC 8030 §5.2): a day, then it is stale. */
export const PUSH_TTL_SECONDS = 86_400;
const PUSH_TIMEOUT_MS = 10_000;

/** web-push costs ~12 MB of heap once loaded: only deployments with VAPID keys that send a push load it. */
const webPush = async () => (await import('web-push')).default;

/** A push service failed in a way worth retrying (network, 429, 5xx). */
export class PushServiceError extends Error {
  override readonly name = 'PushServiceError';
}

/**
 * Web Push: the notice encrypted for each of the person's subscriptions (RFC 8291, aes128gcm) and signed with VAPID,
 * posted through the webhooks' SSRF guard. A 404 or 410 means the subscription is gone: it is removed (RFC 8030 §7.3).
 * Without VAPID keys the message is held in the outbox.
 */
export class PushChannel {
  constructor(
    private readonly vapid: VapidKeys | null,
    private readonly subscriptions: PushSubscriptions,
    private readonly guard: DestinationGuard,
    private readonly outbox: NotificationOutbox,
    /** whether plain-http endpoints are allowed (only with WEBHOOK_ALLOW_PRIVATE, for local test push services) */
    private readonly allowHttp: boolean,
  ) {}

  get publicKey(): string | null {
    return this.vapid?.publicKey ?? null;
  }

  /** Refuses an endpoint the guard would refuse (shape only here; the address is checked again before every send). */
  checkEndpoint(endpoint: string): URL {
    const url = parseWebhookUrl(endpoint);
    if (url.protocol !== 'https:' && !this.allowHttp) throw new DestinationRefused('scheme', 'must be an https URL');
    return url;
  }

  /** The guard's verdict on the endpoint's addresses now (DestinationRefused when any is not public). */
  async guardResolve(url: URL): Promise<void> {
    await this.guard.resolve(url);
  }

  async deliver(to: Recipient, notice: Notice): Promise<DeliveryOutcome> {
    const subscriptions = await this.subscriptions.list(to.personId);
    if (!this.vapid) {
      await this.outbox.hold({
        channel: 'push',
        personId: to.personId,
        recipient: `${subscriptions.length} push subscription(s)`,
        subject: notice.push.title,
        body: notice.push.body,
      });
      return 'outbox';
    }
    if (subscriptions.length === 0) return 'nothing_to_send';
    const payload = JSON.stringify({ title: notice.push.title, body: notice.push.body, tag: notice.push.tag });
    let sent = 0;
    let transient: string | null = null;
    for (const s of subscriptions) {
      let url: URL;
      let address;
      try {
        url = this.checkEndpoint(s.endpoint);
        address = await this.guard.resolve(url);
      } catch (error) {
        if (error instanceof DestinationRefused) continue; // a refused endpoint is never contacted
        throw error;
      }
      const details = (await webPush()).generateRequestDetails({ endpoint: s.endpoint, keys: s.keys }, payload, {
        vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.publicKey, privateKey: this.vapid.privateKey },
        TTL: PUSH_TTL_SECONDS,
        urgency: notice.push.urgency,
        topic: notice.push.tag,
        contentEncoding: 'aes128gcm',
      });
      let status: number;
      try {
        status = await postPush({
          url,
          address,
          headers: details.headers as Record<string, string>,
          body: details.body,
          timeoutMs: PUSH_TIMEOUT_MS,
        });
      } catch (error) {
        transient = (error as Error).message;
        continue;
      }
      if (status === 404 || status === 410) await this.subscriptions.expire(s.id);
      else if (status >= 200 && status < 300) sent += 1;
      else if (status === 429 || status >= 500) transient = `push service answered ${status}`;
    }
    // Retry only when nothing went out: re-sending to devices that got it would show it twice.
    if (sent === 0 && transient !== null) throw new PushServiceError(transient);
    return sent > 0 ? 'sent' : 'nothing_to_send';
  }
}
