export { Webhooks, DELIVERY_TIMEOUT_MS, type WebhooksDeps } from './webhooks.js';
export { EVENT_SCHEMAS, EVENT_TYPES, SUBSCRIBABLE_EVENTS, isEventType, type EventPayload, type EventType } from './event-catalogue.js';
export { MAX_ENDPOINTS_PER_PERSON, DEFAULT_ROTATION_GRACE_SECONDS, type EndpointChanges } from './endpoint-management.js';
export { MAX_REPLAY, type PublishResult, type ReplaySelection } from './event-dispatch.js';
export { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './retry-schedule.js';
export { classifyAddress, isPublicAddress, type AddressClass } from './address-policy.js';
export { DestinationGuard, DestinationRefused, parseWebhookUrl, systemResolver, type ResolveHost, type ResolvedAddress } from './destination-guard.js';
export { DELIVER_JOB } from './delivery-worker.js';
export type {
  AttemptOutcome,
  DeliveryAttempt,
  DeliveryState,
  EndpointStatus,
  EndpointWithSecret,
  ListPage,
  ListPosition,
  WebhookDelivery,
  WebhookEndpoint,
} from './webhook-types.js';
