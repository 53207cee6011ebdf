import { describe, expect, it } from 'vitest';
import { AlertService, type AlertCandidate } from '../../src/domain/alerts/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { insertPerson } from '../helpers/samples.js';
import { dialects, useDatabase } from '../helpers/test-database.js';

/** `raiseMany` (the screening relay's batches) ends where `raise` one by one would, in a few statements. */

const candidate = (key: string, title = `Title ${key}`): AlertCandidate => ({
  kind: 'screening_critical_risk',
  condition_key: key,
  severity: 'critical',
  title,
  message: `Message ${key}`,
  recommended_actions: ['Act'],
  action_required: true,
  trigger: {
    type: 'mental_health_screening',
    window: { from: null, to: '2026-03-20', days: 1 },
    values: { key },
    thresholds: {},
    model: null,
  },
});

describe.each(dialects())('AlertService.raiseMany on $label', (dialect) => {
  const db = useDatabase(dialect);

  it('creates the first raise of each condition, merges repeats and raises into active alerts, per person', async () => {
    await insertPerson(db.current, 'usr_a');
    await insertPerson(db.current, 'usr_b');
    const clock = new ManualClock(new Date('2026-03-20T18:00:00Z'));
    const alerts = new AlertService(db.current.db, clock, []);
    const existing = await alerts.raise('usr_a', candidate('k1'));
    expect(existing).not.toBeNull();

    clock.advance(60_000);
    const results = await db.current.db.transaction().execute((trx) =>
      alerts.raiseMany(
        [
          { personId: 'usr_a', candidate: candidate('k1', 'k1 again') },
          { personId: 'usr_a', candidate: candidate('k2') },
          { personId: 'usr_b', candidate: candidate('k2') },
          { personId: 'usr_a', candidate: candidate('k2', 'k2 latest') },
          { personId: 'usr_a', candidate: candidate('k1', 'k1 latest') },
        ],
        trx,
      ),
    );

    expect(results.map((r) => r && { person: r.personId, key: r.conditionKey, title: r.title, occurrences: r.occurrences })).toEqual([
      null,
      { person: 'usr_a', key: 'k2', title: 'Title k2', occurrences: 1 },
      { person: 'usr_b', key: 'k2', title: 'Title k2', occurrences: 1 },
      null,
      null,
    ]);
    const rows = await db.current.db
      .selectFrom('alerts')
      .select(['id', 'person_id', 'condition_key', 'title', 'occurrences', 'status', 'first_at', 'last_at'])
      .orderBy('person_id')
      .orderBy('condition_key')
      .execute();
    const later = '2026-03-20T18:01:00.000Z';
    expect(rows.map((r) => ({ ...r, occurrences: Number(r.occurrences) }))).toEqual([
      {
        id: existing!.id,
        person_id: 'usr_a',
        condition_key: 'k1',
        title: 'k1 latest',
        occurrences: 3,
        status: 'active',
        first_at: '2026-03-20T18:00:00.000Z',
        last_at: later,
      },
      {
        id: results[1]!.id,
        person_id: 'usr_a',
        condition_key: 'k2',
        title: 'k2 latest',
        occurrences: 2,
        status: 'active',
        first_at: later,
        last_at: later,
      },
      {
        id: results[2]!.id,
        person_id: 'usr_b',
        condition_key: 'k2',
        title: 'Title k2',
        occurrences: 1,
        status: 'active',
        first_at: later,
        last_at: later,
      },
    ]);
    // What it returned for a created alert is what a read gives back (but for the merges after it).
    const [read] = await alerts.getMany('usr_b', [results[2]!.id, existing!.id]);
    expect(read).toEqual(results[2]);
  });

  it('raises nothing for nothing', async () => {
    const alerts = new AlertService(db.current.db, new ManualClock(), []);
    expect(await alerts.raiseMany([])).toEqual([]);
  });
});
