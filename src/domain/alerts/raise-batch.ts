import type { Kysely, Selectable } from 'kysely';
import type { AlertsTable, Tables } from '../../platform/db/index.js';
import { ACTIVE, alertContent, newAlertRow } from './alert-rows.js';
import type { Alert } from './alert-service.js';
import type { AlertCandidate } from './detectors/types.js';

/** One condition to raise for one person. */
export interface Raise {
  readonly personId: string;
  readonly candidate: AlertCandidate;
}

const keyOf = (personId: string, conditionKey: string) => `${personId}\u0000${conditionKey}`;

/**
 * Raises many conditions in a few statements (a read of the active alerts, a multi-row insert, an update per merged
 * alert), with the outcome `raise` one by one would give: in order, the first raise of a condition with no active
 * alert creates it, every later one merges into it (occurrences + 1, the latest wording). Returns, per raise, the alert
 * it created (as created) or null. Run it in a transaction: a unique violation (another process
 * opened one of these alerts meanwhile) then undoes it all, and the caller raises one by one.
 */
export async function raiseBatch(on: Kysely<Tables>, raises: readonly Raise[], now: string): Promise<(Alert | null)[]> {
  if (raises.length === 0) return [];
  const active = await activeAmong(on, raises);
  const activeIds = new Map(active.map((row) => [keyOf(row.person_id, row.condition_key), row.id]));
  const created = new Map<string, Selectable<AlertsTable>>();
  const merged = new Map<string, { candidate: AlertCandidate; times: number }>();
  const results: (Alert | null)[] = [];
  for (const { personId, candidate } of raises) {
    const key = keyOf(personId, candidate.condition_key);
    const activeId = activeIds.get(key);
    if (activeId) {
      const merge = merged.get(activeId);
      merged.set(activeId, { candidate, times: (merge?.times ?? 0) + 1 });
      results.push(null);
      continue;
    }
    const row = created.get(key);
    if (row) {
      Object.assign(row, alertContent(candidate), { occurrences: row.occurrences + 1 });
      results.push(null);
      continue;
    }
    const fresh = newAlertRow(personId, candidate, now);
    created.set(key, fresh);
    results.push(asCreated(fresh, candidate));
  }
  const rows = [...created.values()];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await on
      .insertInto('alerts')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  for (const [id, { candidate, times }] of merged)
    await on
      .updateTable('alerts')
      .set((eb) => ({ ...alertContent(candidate), occurrences: eb('occurrences', '+', times), last_at: now }))
      .where('id', '=', id)
      .execute();
  return results;
}

/** SQLite's default limit on the SELECTs of one compound statement is 500. */
const LOOKUPS_PER_STATEMENT = 100;
/** 18 bound values a row: far below both dialects' limits on one statement's parameters (32766, 65535). */
const ROWS_PER_INSERT = 500;

/**
 * The active alerts of these (person, condition) pairs: one index lookup per pair, joined with UNION ALL. A single
 * `person_id in (..) and condition_key in (..)` is planned by SQLite on the (person_id, status) index instead, reading
 * every active alert of the person (a clinician of a busy screening service has thousands).
 */
async function activeAmong(
  on: Kysely<Tables>,
  raises: readonly Raise[],
): Promise<{ id: string; person_id: string; condition_key: string }[]> {
  const pairs = [...new Map(raises.map((r) => [keyOf(r.personId, r.candidate.condition_key), r])).values()];
  const found: { id: string; person_id: string; condition_key: string }[] = [];
  for (let i = 0; i < pairs.length; i += LOOKUPS_PER_STATEMENT) {
    const lookups = pairs
      .slice(i, i + LOOKUPS_PER_STATEMENT)
      .map(({ personId, candidate }) =>
        on
          .selectFrom('alerts')
          .select(['id', 'person_id', 'condition_key'])
          .where('person_id', '=', personId)
          .where('condition_key', '=', candidate.condition_key)
          .where('status', '=', ACTIVE),
      );
    const [first, ...rest] = lookups;
    found.push(...(await rest.reduce((query, lookup) => query.unionAll(lookup), first!).execute()));
  }
  return found;
}

/** The alert as its first raise created it (no need to parse back the JSON just written). */
const asCreated = (row: Selectable<AlertsTable>, c: AlertCandidate): Alert => ({
  id: row.id,
  personId: row.person_id,
  kind: c.kind,
  conditionKey: c.condition_key,
  severity: c.severity,
  title: c.title,
  message: c.message,
  recommendedActions: [...c.recommended_actions],
  actionRequired: c.action_required,
  trigger: c.trigger,
  status: 'active',
  occurrences: 1,
  firstAt: row.first_at,
  lastAt: row.last_at,
  acknowledgedAt: null,
  acknowledgedBy: null,
  userResponse: null,
  resolvedAt: null,
});
