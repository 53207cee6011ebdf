import { afterEach, describe, expect, it } from 'vitest';
import { TwinEngine, TwinStore, type Scorer } from '../../src/domain/twin/index.js';
import { emptyFeatures } from '../../src/domain/twin/testing/feature-factory.js';
import { TWIN_NAMES, type TwinName, type TwinScore, type TwinScores } from '../../src/domain/twin/twin-score.js';
import type { TwinFeatures } from '../../src/domain/twin/twin-features.js';
import { ManualClock } from '../../src/platform/clock.js';
import { JobQueue } from '../../src/platform/jobs/index.js';
import { insertPerson } from '../helpers/samples.js';
import { dialects, useDatabase } from '../helpers/test-database.js';

/** A scorer whose every twin scores the person's stated age (so a test controls the score through the features). */
const ageScorer: Scorer = (features) =>
  Object.fromEntries(
    TWIN_NAMES.map((twin): [TwinName, TwinScore] => {
      const age = features.profile.age_years;
      return [
        twin,
        {
          twin,
          score: age,
          status: age === null ? 'insufficient_data' : 'good',
          components: [],
          models: ['fake@1.0.0'],
          data_sufficiency: { sufficient: age !== null, present: [], missing: [], window_days: 90, coverage: 0 },
          notes: [],
        },
      ];
    }),
  ) as TwinScores;

describe.each(dialects())('twin engine on $label', (dialect) => {
  const database = useDatabase(dialect);

  function engine(ageAt: (asOf: Date) => number | null, clock: ManualClock) {
    const features = async (_personId: string, asOf: Date): Promise<TwinFeatures> => {
      const base = emptyFeatures(asOf.toISOString());
      return { ...base, profile: { ...base.profile, age_years: ageAt(asOf) } };
    };
    return new TwinEngine({ store: new TwinStore(database.current.db), features, score: ageScorer, clock, jobs: queue(clock) });
  }
  let jobs: JobQueue | null = null;
  const queue = (clock: ManualClock) => (jobs = new JobQueue(database.current.db, clock, { pollMs: 10 }));
  afterEach(async () => jobs?.stop());

  it('stores the scores with the snapshot hash, and scores the week before on first compute for the trend', async () => {
    await insertPerson(database.current, 'p1');
    const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    const now = clock.now().getTime();
    const twin = engine((asOf) => (asOf.getTime() >= now ? 80 : 70), clock);
    const status = await twin.status('p1');
    expect(status.overallHealthScore).toBe(80);
    expect(status.twins.cardiac).toMatchObject({ score: 80, trend: 'improving', day: '2026-03-10', models: ['fake@1.0.0'] });
    expect(status.twins.cardiac.inputs_hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await database.current.db
      .selectFrom('twin_scores')
      .select(['day', 'score'])
      .where('twin', '=', 'sleep')
      .orderBy('day')
      .execute();
    expect(rows).toEqual([
      { day: '2026-03-03', score: 70 },
      { day: '2026-03-10', score: 80 },
    ]);
  });

  it('replaces the day’s row on a recompute the same day, and keeps the older days as history', async () => {
    await insertPerson(database.current, 'p1');
    const clock = new ManualClock(new Date('2026-03-10T08:00:00Z'));
    let age = 60;
    const twin = engine(() => age, clock);
    await twin.recompute('p1');
    age = 58;
    clock.advance(4 * 3_600_000);
    await twin.recompute('p1');
    const status = await twin.status('p1');
    expect(status.twins.metabolic).toMatchObject({ score: 58, trend: 'stable', as_of: '2026-03-10T12:00:00.000Z' });
    expect(await database.current.db.selectFrom('twin_snapshots').select('day').orderBy('day').execute()).toEqual([
      { day: '2026-03-03' },
      { day: '2026-03-10' },
    ]);
  });

  it('says there is no trend when the earlier score was insufficient, and gives no overall score without any twin score', async () => {
    await insertPerson(database.current, 'p1');
    const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    const twin = engine(() => null, clock);
    const status = await twin.status('p1');
    expect(status.overallHealthScore).toBeNull();
    expect(status.twins.driving).toMatchObject({ score: null, status: 'insufficient_data', trend: null });
  });

  it('keeps each person’s scores apart', async () => {
    await insertPerson(database.current, 'p1');
    await insertPerson(database.current, 'p2');
    const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    await engine(() => 40, clock).recompute('p1');
    await engine(() => 90, clock).recompute('p2');
    const store = new TwinStore(database.current.db);
    expect((await store.latestScores('p1'))?.cardiac.score).toBe(40);
    expect((await store.latestScores('p2'))?.cardiac.score).toBe(90);
    expect(await store.erasePerson('p1')).toEqual({ twin_scores: 16, twin_snapshots: 2 });
    expect(await store.latestScores('p1')).toBeNull();
    expect((await store.latestScores('p2'))?.cardiac.score).toBe(90);
  });

  it('rescoring the stored snapshot gives the stored scores (explainable, recomputable)', async () => {
    await insertPerson(database.current, 'p1');
    const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    const computed = await engine(() => 66, clock).recompute('p1');
    const stored = await new TwinStore(database.current.db).latestSnapshot('p1');
    expect(stored?.features).toEqual(computed.snapshot.features);
    expect(ageScorer(stored!.features).cardiac.score).toBe(66);
  });

  it('asks for one recompute per person however many writes arrive, and the job computes', async () => {
    await insertPerson(database.current, 'p1');
    const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    const twin = engine(() => 75, clock);
    for (let i = 0; i < 5; i++) await twin.dataChanged('p1');
    const queued = await database.current.db.selectFrom('jobs').select('id').where('kind', '=', 'twin.recompute').execute();
    expect(queued).toHaveLength(1);
    expect(await new TwinStore(database.current.db).latestScores('p1')).toBeNull();
    jobs!.start();
    await jobs!.idle();
    expect((await new TwinStore(database.current.db).latestScores('p1'))?.sleep.score).toBe(75);
  });
});
