import { E164 } from '../preferences.js';
import type { DeliveryOutcome, Notice, Recipient } from '../notice.js';
import type { NotificationOutbox } from './outbox.js';

/** The SMS provider port: one text to one E.164 number; throws when the provider did not accept it. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

export class SmsProviderError extends Error {
  override readonly name = 'SmsProviderError';
  constructor(
    message: string,
    /** worth retrying later (network, 429, 5xx) */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/**
 * A generic provider adapter: `POST SMS_PROVIDER_URL` with `{"to": "+4915…", "body": "…"}` and
 * `Authorization: Bearer SMS_PROVIDER_TOKEN`; any 2xx is accepted. A thin relay in front of Twilio, Vonage, MessageBird
 * etc. speaks this in a few lines; see docs/notifications.md.
 */
export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(to: string, text: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ to, body: text }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SmsProviderError(`SMS provider unreachable: ${(error as Error).name}`, true);
    }
    await response.body?.cancel();
    if (!response.ok)
      throw new SmsProviderError(`SMS provider answered ${response.status}`, response.status === 429 || response.status >= 500);
  }
}

const E164_RE = new RegExp(E164);

export class SmsChannel {
  constructor(
    private readonly sender: SmsSender | null,
    private readonly outbox: NotificationOutbox,
  ) {}

  async deliver(to: Recipient, notice: Notice): Promise<DeliveryOutcome> {
    const phone = to.phone !== null && E164_RE.test(to.phone) ? to.phone : null;
    if (!this.sender || !phone) {
      // Held, not dropped: an operator can see that SMS is wanted but not configured (or the number is missing).
      await this.outbox.hold({
        channel: 'sms',
        personId: to.personId,
        recipient: phone ?? '(no valid E.164 phone number)',
        subject: notice.subject,
        body: notice.sms,
      });
      return 'outbox';
    }
    await this.sender.send(phone, notice.sms);
    return 'sent';
  }
}
