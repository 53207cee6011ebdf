import type { Kysely, Selectable } from 'kysely';
import type { Tables, WebhookEndpointsTable } from '../../platform/db/index.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';
import { isEventType } from './event-catalogue.js';
import type { EndpointStatus, ListPage, ListPosition, WebhookEndpoint } from './webhook-types.js';

type Row = Selectable<WebhookEndpointsTable>;

export interface SealedSecrets {
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: string | null;
}

const toEndpoint = (row: Row): WebhookEndpoint => ({
  id: row.id,
  personId: row.person_id,
  url: row.url,
  events: (JSON.parse(row.events) as string[]).filter(isEventType),
  status: row.status as EndpointStatus,
  disabledReason: row.disabled_reason,
  disabledAt: row.disabled_at,
  consecutiveFailures: row.consecutive_failures,
  lastSuccessAt: row.last_success_at,
  lastFailureAt: row.last_failure_at,
  previousSecretExpiresAt: row.previous_secret_expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Rows of `webhook_endpoints`; secrets go in and out sealed (the service seals and opens them). */
export class EndpointStore {
  /** Every publish asks (most people have no endpoint at all): built and compiled once. */
  private readonly activeOf;

  constructor(private readonly db: Kysely<Tables>) {
    this.activeOf = preparedQuery<{ personId: string }, Selectable<WebhookEndpointsTable>>(db, (param) =>
      db.selectFrom('webhook_endpoints').selectAll().where('person_id', '=', param('personId')).where('status', '=', 'active'),
    );
  }

  async insert(endpoint: {
    id: string;
    personId: string;
    url: string;
    events: string[];
    sealedSecret: string;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('webhook_endpoints')
      .values({
        id: endpoint.id,
        person_id: endpoint.personId,
        url: endpoint.url,
        events: JSON.stringify(endpoint.events),
        secret: endpoint.sealedSecret,
        previous_secret: null,
        previous_secret_expires_at: null,
        status: 'active',
        disabled_reason: null,
        disabled_at: null,
        last_success_at: null,
        last_failure_at: null,
        created_at: endpoint.now,
        updated_at: endpoint.now,
      })
      .execute();
  }

  async get(id: string): Promise<WebhookEndpoint | null> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEndpoint(row) : null;
  }

  async secrets(id: string): Promise<SealedSecrets | null> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .select(['secret', 'previous_secret', 'previous_secret_expires_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at }
      : null;
  }

  async countForPerson(personId: string): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findByUrl(personId: string, url: string): Promise<WebhookEndpoint | null> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('person_id', '=', personId)
      .where('url', '=', url)
      .executeTakeFirst();
    return row ? toEndpoint(row) : null;
  }

  /** Newest first. */
  async list(personId: string, limit: number, after: ListPosition | null): Promise<ListPage<WebhookEndpoint>> {
    let query = this.db.selectFrom('webhook_endpoints').selectAll().where('person_id', '=', personId);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toEndpoint);
    const last = items.at(-1);
    return {
      items,
      next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      total: await this.countForPerson(personId),
    };
  }

  /** The person's active endpoints subscribed to `event` (a person has at most a handful, so filtering here is cheap). */
  async subscribed(personId: string, event: string, db: Kysely<Tables> = this.db): Promise<WebhookEndpoint[]> {
    const rows = await this.activeOf({ personId }, db);
    return rows.map(toEndpoint).filter((e) => e.events.includes(event as WebhookEndpoint['events'][number]));
  }

  async update(
    id: string,
    changes: { url?: string; events?: string[]; status?: EndpointStatus; secrets?: SealedSecrets },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('webhook_endpoints')
      .set({
        updated_at: now,
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: JSON.stringify(changes.events) } : {}),
        // Enabling again starts a clean slate: the failures that disabled it are history (kept in attempts).
        ...(changes.status === 'active' ? { status: 'active', disabled_reason: null, disabled_at: null, consecutive_failures: 0 } : {}),
        ...(changes.status === 'disabled' ? { status: 'disabled', disabled_reason: 'disabled by its owner', disabled_at: now } : {}),
        ...(changes.secrets
          ? {
              secret: changes.secrets.secret,
              previous_secret: changes.secrets.previousSecret,
              previous_secret_expires_at: changes.secrets.previousSecretExpiresAt,
            }
          : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  }

  /** An endpoint with its sealed secrets: the delivery worker's one read. */
  async withSecrets(id: string): Promise<{ endpoint: WebhookEndpoint; sealed: SealedSecrets } | null> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      endpoint: toEndpoint(row),
      sealed: { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at },
    };
  }

  /** Disables an active endpoint; false when it was not active (already disabled or gone), so notices go out once. */
  async disable(id: string, reason: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled', disabled_reason: reason, disabled_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
