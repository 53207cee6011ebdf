import type { Clock } from '../../platform/clock.js';
import { AppError, fieldError } from '../../platform/http/app-error.js';
import { newId } from '../../platform/ids.js';
import { DestinationRefused, parseWebhookUrl, type DestinationGuard } from './destination-guard.js';
import type { EndpointStore } from './endpoint-store.js';
import { formatSecret, generateSigningKey, signingKeyFromSecret } from './secrets.js';
import type { SigningKeys } from './signing-keys.js';
import type { EndpointStatus, EndpointWithSecret, ListPage, ListPosition, WebhookEndpoint } from './webhook-types.js';

/** A person's webhooks are a handful of integrations, not a fan-out service: the cap keeps a runaway client in check. */
export const MAX_ENDPOINTS_PER_PERSON = 20;
/** How long a rotated-out secret keeps signing (beside the new one) unless the caller says otherwise. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

export interface EndpointChanges {
  readonly url?: string | undefined;
  readonly events?: readonly string[] | undefined;
  readonly status?: EndpointStatus | undefined;
}

/**
 * Registering and managing a person's webhook endpoints. Every method takes the owner's id: an endpoint of anyone else
 * is answered exactly like one that does not exist, so ids cannot be probed.
 */
export class EndpointManagement {
  constructor(
    private readonly store: EndpointStore,
    private readonly keys: SigningKeys,
    private readonly guard: DestinationGuard,
    private readonly clock: Clock,
  ) {}

  async register(
    personId: string,
    input: { url: string; events: readonly string[]; secret?: string | undefined },
  ): Promise<EndpointWithSecret> {
    const url = await this.checkedUrl(input.url);
    const key = input.secret === undefined ? generateSigningKey() : chosenKey(input.secret);
    if ((await this.store.countForPerson(personId)) >= MAX_ENDPOINTS_PER_PERSON) {
      throw new AppError('conflict', `At most ${MAX_ENDPOINTS_PER_PERSON} webhooks per account`, {
        details: { limit: MAX_ENDPOINTS_PER_PERSON },
      });
    }
    if (await this.store.findByUrl(personId, url))
      throw new AppError('conflict', 'A webhook with this URL exists already', { details: { field: 'url' } });
    const id = newId('wh');
    await this.store.insert({
      id,
      personId,
      url,
      events: unique(input.events),
      sealedSecret: this.keys.seal(key, id),
      now: this.clock.now().toISOString(),
    });
    return { endpoint: (await this.store.get(id))!, secret: formatSecret(key) };
  }

  list(personId: string, limit: number, after: ListPosition | null): Promise<ListPage<WebhookEndpoint>> {
    return this.store.list(personId, limit, after);
  }

  async get(personId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.store.get(id);
    if (!endpoint || endpoint.personId !== personId) throw new AppError('not_found', 'No such webhook');
    return endpoint;
  }

  async update(personId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
    const endpoint = await this.get(personId, id);
    const url = changes.url === undefined ? undefined : await this.checkedUrl(changes.url);
    if (url !== undefined && url !== endpoint.url && (await this.store.findByUrl(personId, url))) {
      throw new AppError('conflict', 'A webhook with this URL exists already', { details: { field: 'url' } });
    }
    await this.store.update(
      id,
      { url, events: changes.events === undefined ? undefined : unique(changes.events), status: changes.status },
      this.clock.now().toISOString(),
    );
    return (await this.store.get(id))!;
  }

  async remove(personId: string, id: string): Promise<void> {
    await this.get(personId, id);
    await this.store.remove(id);
  }

  /**
   * A new secret (generated, or the caller's). The old one keeps signing beside it for `graceSeconds`, so receivers can
   * switch over without dropping events; 0 retires it at once.
   */
  async rotateSecret(
    personId: string,
    id: string,
    options: { secret?: string | undefined; graceSeconds?: number | undefined },
  ): Promise<EndpointWithSecret> {
    await this.get(personId, id);
    const key = options.secret === undefined ? generateSigningKey() : chosenKey(options.secret);
    const now = this.clock.now();
    const grace = options.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
    const sealed = await this.store.secrets(id);
    if (!sealed) throw new AppError('not_found', 'No such webhook');
    const secrets = {
      secret: this.keys.seal(key, id),
      previousSecret: grace > 0 ? sealed.secret : null,
      previousSecretExpiresAt: grace > 0 ? new Date(now.getTime() + grace * 1000).toISOString() : null,
    };
    await this.store.update(id, { secrets }, now.toISOString());
    return { endpoint: (await this.store.get(id))!, secret: formatSecret(key) };
  }

  /** The URL normalised, after the same address check deliveries get (DNS resolved now; again before every attempt). */
  private async checkedUrl(text: string): Promise<string> {
    try {
      const url = parseWebhookUrl(text);
      await this.guard.resolve(url);
      return url.toString();
    } catch (error) {
      if (error instanceof DestinationRefused) throw fieldError('url', `The webhook URL ${error.message}`, error.reason);
      throw error;
    }
  }
}

function chosenKey(secret: string): Buffer {
  const key = signingKeyFromSecret(secret);
  if (!Buffer.isBuffer(key)) throw fieldError('secret', key.problem, 'invalid_secret');
  return key;
}

const unique = (events: readonly string[]): string[] => [...new Set(events)];
