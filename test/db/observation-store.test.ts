import { describe, expect, it } from 'vitest';
import { ObservationStore, type SampleInput } from '../../src/domain/observations/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { insertPerson, PHONE, sample, WATCH } from '../helpers/samples.js';

const HOUR = 3_600_000;

describe.each(dialects())('observation store on $label', (dialect) => {
  const database = useDatabase(dialect);
  const clock = new ManualClock(new Date('2024-05-01T12:00:00Z'));
  const store = () => new ObservationStore(database.current, clock);

  async function person(id = 'p1'): Promise<string> {
    await insertPerson(database.current, id);
    return id;
  }
  const write = (personId: string, samples: SampleInput[], batchId = 'b1', tombstones?: string[]) =>
    store().writer.write({ personId, batchId, samples, ...(tombstones && { tombstones }) });
  const rollups = (personId: string, type: string, period: 'hour' | 'day') =>
    store().reader.rollups(personId, type, period, 0, Number.MAX_SAFE_INTEGER);

  it('stores each sample once: writing the same batch again changes nothing', async () => {
    const p = await person();
    const samples = [0, 1, 2, 3].map((i) => sample({ start: `2024-05-01T10:0${i}:00Z`, value: 60 + i }));
    expect(await write(p, samples)).toMatchObject({ stored: 4, duplicates: 0 });
    const before = await rollups(p, 'heart_rate', 'hour');
    expect(await write(p, samples, 'b2')).toMatchObject({ stored: 0, duplicates: 4 });
    expect(await store().reader.count(p, ['heart_rate'], 0, Number.MAX_SAFE_INTEGER)).toBe(4);
    expect(await rollups(p, 'heart_rate', 'hour')).toEqual(before);
    expect(before).toEqual([{ bucket: Date.parse('2024-05-01T10:00:00Z'), count: 4, sum: 246, min: 60, max: 63 }]);
  });

  it('a millisecond upload and a whole-second export of the same sample are one sample', async () => {
    const p = await person();
    await write(p, [sample({ start: '2024-05-01T10:00:00.700Z', value: 61 })]);
    expect(await write(p, [sample({ start: '2024-05-01T10:00:00Z', value: 61 })], 'b2')).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('merges overlapping steps by source priority: the watch total, not the sum', async () => {
    const p = await person();
    const walk = { type: 'steps' as const, start: '2024-05-01T09:10:00Z', end: '2024-05-01T09:40:00Z' };
    await write(p, [sample({ ...walk, value: 3000, source: PHONE }), sample({ ...walk, value: 3200, source: WATCH })]);
    const [hour] = await rollups(p, 'steps', 'hour');
    expect(hour).toMatchObject({ bucket: Date.parse('2024-05-01T09:00:00Z'), sum: 3200, count: 1 });
    const [day] = await rollups(p, 'steps', 'day');
    expect(day).toMatchObject({ bucket: Date.parse('2024-05-01T00:00:00Z'), sum: 3200 });
  });

  it('follows the person’s own priority (phone above watch)', async () => {
    const p = await person();
    await database.current.db
      .updateTable('users')
      .set({ source_priority: JSON.stringify(['phone', 'watch']) })
      .where('id', '=', p)
      .execute();
    const walk = { type: 'steps' as const, start: '2024-05-01T09:10:00Z', end: '2024-05-01T09:40:00Z' };
    await write(p, [sample({ ...walk, value: 3000, source: PHONE }), sample({ ...walk, value: 3200, source: WATCH })]);
    expect((await rollups(p, 'steps', 'hour'))[0]).toMatchObject({ sum: 3000 });
  });

  it('splits a cumulative sample across hours pro rata', async () => {
    const p = await person();
    await write(p, [sample({ type: 'steps', start: '2024-05-01T09:30:00Z', end: '2024-05-01T10:30:00Z', value: 1000 })]);
    expect((await rollups(p, 'steps', 'hour')).map((r) => r.sum)).toEqual([500, 500]);
  });

  it('dates daily rollups by the sample’s local date, across a DST change', async () => {
    const p = await person();
    // Europe/London springs forward on 2024-03-31 at 01:00 UTC: 23:30 local on the 30th is UTC+0, 23:30 on the 31st is UTC+1.
    await write(p, [
      sample({ start: '2024-03-30T23:30:00Z', value: 50, utcOffsetMinutes: 0 }),
      sample({ start: '2024-03-31T22:30:00Z', value: 70, utcOffsetMinutes: 60 }),
      sample({ start: '2024-03-31T23:30:00Z', value: 90, utcOffsetMinutes: 60 }),
    ]);
    const days = await rollups(p, 'heart_rate', 'day');
    expect(days.map((d) => [new Date(d.bucket).toISOString().slice(0, 10), d.sum])).toEqual([
      ['2024-03-30', 50],
      ['2024-03-31', 70],
      ['2024-04-01', 90],
    ]);
  });

  it('rolls a blood-pressure correlation up per component', async () => {
    const p = await person();
    await write(p, [
      sample({ type: 'blood_pressure', start: '2024-05-01T08:00:00Z', value: null, components: { systolic: 120, diastolic: 80 } }),
      sample({ type: 'blood_pressure', start: '2024-05-01T08:10:00Z', value: null, components: { systolic: 130, diastolic: 84 } }),
    ]);
    expect((await rollups(p, 'blood_pressure:systolic', 'hour'))[0]).toMatchObject({ count: 2, sum: 250, min: 120, max: 130 });
    expect((await rollups(p, 'blood_pressure:diastolic', 'day'))[0]).toMatchObject({ count: 2, sum: 164 });
  });

  it('deleting a batch removes only what it created and fixes the rollups', async () => {
    const p = await person();
    await write(p, [sample({ start: '2024-05-01T10:00:00Z', value: 60 })], 'first');
    await write(p, [sample({ start: '2024-05-01T10:00:00Z', value: 60 }), sample({ start: '2024-05-01T10:05:00Z', value: 80 })], 'second');
    expect(await store().writer.deleteBatch(p, 'second')).toBe(1);
    expect(await rollups(p, 'heart_rate', 'hour')).toEqual([
      { bucket: Date.parse('2024-05-01T10:00:00Z'), count: 1, sum: 60, min: 60, max: 60 },
    ]);
    expect(await store().writer.deleteBatch(p, 'first')).toBe(1);
    expect(await rollups(p, 'heart_rate', 'hour')).toEqual([]);
    expect(await rollups(p, 'heart_rate', 'day')).toEqual([]);
  });

  it('applies tombstones by external id', async () => {
    const p = await person();
    await write(p, [
      sample({ start: '2024-05-01T10:00:00Z', value: 60, externalId: 'UUID-1' }),
      sample({ start: '2024-05-01T10:01:00Z', value: 70, externalId: 'UUID-2' }),
    ]);
    expect(await write(p, [], 'b2', ['UUID-1', 'UUID-404'])).toMatchObject({ deleted: 1 });
    expect((await rollups(p, 'heart_rate', 'hour'))[0]).toMatchObject({ count: 1, sum: 70 });
  });

  it('refuses structurally impossible samples without touching the rest', async () => {
    const p = await person();
    const result = await write(p, [
      sample({ start: '2024-05-01T10:00:00Z', value: 60 }),
      sample({ type: 'steps', start: '2024-05-01T00:00:00Z', end: '2024-05-03T00:00:00Z', value: 10 }),
      sample({ type: 'steps', start: '2024-05-01T00:00:00Z', end: '2024-05-01T01:00:00Z', value: -1 }),
      sample({ start: '2024-05-01T10:00:00Z', end: '2024-05-01T09:00:00Z', value: 60 }),
    ]);
    expect(result.stored).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
  });

  it('keeps people apart', async () => {
    const a = await person('pa');
    const b = await person('pb');
    await write(a, [sample({ start: '2024-05-01T10:00:00Z', value: 60 })]);
    await write(b, [sample({ start: '2024-05-01T10:00:00Z', value: 60 })]);
    expect(await store().reader.count(a, ['heart_rate'], 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    const erased = await store().erasePerson(a);
    expect(erased.observations).toBe(1);
    expect(await store().reader.count(b, ['heart_rate'], 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(await rollups(a, 'heart_rate', 'hour')).toEqual([]);
  });

  it('pages raw rows in key order without gaps or repeats', async () => {
    const p = await person();
    const samples = Array.from({ length: 25 }, (_, i) =>
      sample({ start: new Date(Date.parse('2024-05-01T00:00:00Z') + i * HOUR).toISOString(), value: 50 + i }),
    );
    await write(p, samples);
    const seen: number[] = [];
    let after;
    for (;;) {
      const page = await store().reader.raw({
        personId: p,
        types: ['heart_rate'],
        fromMs: 0,
        toMs: Number.MAX_SAFE_INTEGER,
        after,
        limit: 10,
      });
      seen.push(...page.map((r) => r.value!));
      if (page.length < 10) break;
      const last = page.at(-1)!;
      after = { type: last.type, start_ms: last.start_ms, dedup: last.dedup };
    }
    expect(seen).toEqual(samples.map((s) => s.value));
    const [first] = await store().reader.raw({ personId: p, types: ['heart_rate'], fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: 1 });
    expect(first).toMatchObject({ source_name: WATCH.name, source_class: 'watch', provenance: 'sensed' });
  });
});
