import type { Clock } from '../../platform/clock.js';
import { RetryJobLater, type Job } from '../../platform/jobs/index.js';
import type { DeliveryStore } from './delivery-store.js';
import { DestinationRefused, type DestinationGuard } from './destination-guard.js';
import type { EndpointStore } from './endpoint-store.js';
import { sendSigned, type SendResult } from './http-sender.js';
import { retryDelayMs } from './retry-schedule.js';
import type { SigningKeys } from './signing-keys.js';
import { signedHeaders } from './signature.js';
import type { WebhookEndpoint } from './webhook-types.js';

export const DELIVER_JOB = 'webhook.deliver';

export interface DeliverJobPayload {
  readonly deliveryId: string;
}

export interface DeliveryWorkerDeps {
  readonly endpoints: EndpointStore;
  readonly deliveries: DeliveryStore;
  readonly keys: SigningKeys;
  readonly guard: DestinationGuard;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Called once when an endpoint is disabled for failing, to record and tell its owner. */
  readonly onDisabled: (endpoint: WebhookEndpoint, reason: string) => Promise<void>;
}

/**
 * The `webhook.deliver` job: one attempt at one delivery. Success ends it; a failure is logged and the job is queued
 * again for the next step of the backoff schedule; the last failure ends it, and if the endpoint has not accepted
 * anything since this delivery began (about 30 hours of failures), the endpoint is disabled and its owner told.
 */
export class DeliveryWorker {
  constructor(private readonly deps: DeliveryWorkerDeps) {}

  readonly handle = async (job: Job): Promise<void> => {
    const { deliveryId } = job.payload as DeliverJobPayload;
    const { deliveries, endpoints, clock } = this.deps;
    const found = await deliveries.getWithPayload(deliveryId);
    if (!found || found.delivery.state !== 'pending') return;
    const { delivery, payload } = found;
    // A job run early (its process died after logging the attempt but before re-queueing) waits for its turn.
    if (delivery.nextAttemptAt && delivery.nextAttemptAt > clock.now().toISOString()) {
      throw new RetryJobLater(new Date(delivery.nextAttemptAt), 'not due yet');
    }
    const target = await endpoints.withSecrets(delivery.endpointId);
    if (!target || target.endpoint.status !== 'active') {
      await deliveries.abandon(delivery.id, 'the endpoint is disabled', clock.now().toISOString());
      return;
    }
    const { endpoint } = target;
    const attempt = delivery.attempts + 1;
    const startedAt = clock.now();
    const keys = this.deps.keys.open(target.sealed, endpoint.id, startedAt);
    const result = await this.send(endpoint, keys, delivery.eventId, payload, startedAt);
    const now = clock.now();
    const record = { attempt, startedAt: startedAt.toISOString(), ...result };
    if (result.outcome === 'success') {
      await deliveries.recordAttempt(delivery, record, { state: 'delivered', nextAttemptAt: null }, now.toISOString());
      return;
    }
    const delay = retryDelayMs(attempt);
    if (delay !== null) {
      const next = new Date(now.getTime() + delay);
      await deliveries.recordAttempt(delivery, record, { state: 'pending', nextAttemptAt: next.toISOString() }, now.toISOString());
      throw new RetryJobLater(next, `attempt ${attempt} failed: ${result.error ?? result.outcome}`);
    }
    await deliveries.recordAttempt(delivery, record, { state: 'failed', nextAttemptAt: null }, now.toISOString());
    const fresh = await endpoints.get(endpoint.id);
    const acceptedSince = fresh?.lastSuccessAt != null && fresh.lastSuccessAt >= delivery.createdAt;
    if (fresh && !acceptedSince) {
      const reason = `every attempt failed for ${attempt} attempts since ${delivery.createdAt} (last: ${result.error ?? result.outcome})`;
      if (await endpoints.disable(endpoint.id, reason, now.toISOString())) await this.deps.onDisabled(fresh, reason);
    }
  };

  private async send(endpoint: WebhookEndpoint, keys: Buffer[], eventId: string, body: string, at: Date): Promise<SendResult> {
    const url = new URL(endpoint.url);
    try {
      const address = await this.deps.guard.resolve(url);
      const headers = { ...signedHeaders(keys, eventId, at, body) };
      return await sendSigned({ url, address, headers, body, timeoutMs: this.deps.timeoutMs });
    } catch (error) {
      if (error instanceof DestinationRefused) return { outcome: 'blocked', statusCode: null, latencyMs: 0, error: error.message };
      throw error;
    }
  }
}
