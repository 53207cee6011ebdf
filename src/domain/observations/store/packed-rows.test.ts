import { describe, expect, it } from 'vitest';
import { PHONE, sample, WATCH } from '../../../../test/helpers/samples.js';
import type { SampleInput } from '../sample.js';
import { buffersOf, PackedRowsBuilder, typeSpans, unpackRows } from './packed-rows.js';
import { prepareSamples } from './prepared-sample.js';

/** Every column kind: values, nulls, categories, components, zones, metadata, user-entered, a refused sample. */
const SAMPLES: SampleInput[] = [
  sample({ start: '2024-05-01T10:00:00.700Z', value: 61.5, utcOffsetMinutes: 60 }),
  sample({
    start: '2024-05-01T10:05:00Z',
    value: 62,
    utcOffsetMinutes: null,
    timeZone: 'Europe/London',
    metadata: { HKMetadataKeyHeartRateMotionContext: 1 },
  }),
  sample({ type: 'steps', start: '2024-05-01T10:00:00Z', end: '2024-05-01T10:10:00Z', value: 800, source: PHONE }),
  sample({ type: 'steps', start: '2024-05-01T10:00:00Z', end: '2024-05-01T10:10:00Z', value: -1 }),
  sample({
    type: 'sleep_stage',
    start: '2024-05-01T01:00:00Z',
    end: '2024-05-01T02:00:00Z',
    value: null,
    category: 'deep',
    timeZone: 'Europe/London',
  }),
  sample({
    type: 'blood_pressure',
    start: '2024-05-01T08:00:00Z',
    value: null,
    components: { systolic: 121, diastolic: 79 },
    provenance: 'user_entered',
    source: PHONE,
  }),
  sample({ start: '2024-05-02T10:00:00Z', value: 70, source: { ...WATCH }, externalId: 'HK-1' }),
];

describe('packed rows', () => {
  it('reuse the buffers the writer hands back, and a reused batch holds only its own rows', () => {
    const builder = new PackedRowsBuilder(2);
    for (const s of SAMPLES) builder.add(s);
    const first = builder.take(); // the next batch's buffers are set up here: fresh ones, nothing was handed back yet
    builder.recycle(buffersOf(first)); // the grown buffers of a 7-sample batch, full of its values
    builder.add(SAMPLES[0]!);
    const second = builder.take(); // sets up the third batch in the first one's buffers
    expect(second.numbers.buffer).not.toBe(first.numbers.buffer);
    for (const s of SAMPLES.slice(-2)) builder.add(s);
    const third = builder.take();
    expect(third.numbers.buffer).toBe(first.numbers.buffer);
    expect(third.keyBytes.buffer).toBe(first.keyBytes.buffer);
    expect(unpackRows(third)).toEqual(prepareSamples(SAMPLES.slice(-2)));
  });

  it('carry exactly what prepareSamples makes of the same samples', () => {
    const builder = new PackedRowsBuilder(2); // smaller than the batch: the columns grow
    for (const s of SAMPLES) builder.add(s);
    expect(builder.size).toBe(SAMPLES.length);
    const packed = builder.take();
    expect(packed.rejected).toBe(1);
    const prepared = prepareSamples(SAMPLES);
    const expected = [...prepared.filter((p) => !p.ok).map(() => false), ...prepared.filter((p) => p.ok)];
    const unpacked = unpackRows(packed).map((p) => (p.ok ? p : false));
    expect(unpacked).toEqual(expected);
    expect(builder.size).toBe(0);
  });

  it('hash keys with non-ASCII characters exactly as prepareSamples does, however many bytes they take', () => {
    // Curly apostrophes (3 UTF-8 bytes each) as iOS writes them, and a name long enough to outgrow the key buffer.
    const curly = { ...WATCH, name: `Ada\u2019s Apple Watch ${'\u2019'.repeat(300)}` };
    const samples = [
      sample({ start: '2024-05-01T10:00:00Z', value: 70, source: curly }),
      sample({ start: '2024-05-01T10:01:00Z', value: 71, source: curly }),
    ];
    const builder = new PackedRowsBuilder(1);
    for (const s of samples) builder.add(s);
    expect(unpackRows(builder.take())).toEqual(prepareSamples(samples));
  });

  it('start each batch afresh, with its own string and source tables', () => {
    const builder = new PackedRowsBuilder(4);
    builder.add(SAMPLES[0]!);
    const first = builder.take();
    builder.add(SAMPLES[2]!);
    const second = builder.take();
    expect(first.strings).toEqual(['heart_rate', 'sensed']);
    expect(second.strings).toEqual(['steps', 'sensed']);
    expect(second.sources.map((s) => s.name)).toEqual([PHONE.name]);
    expect(unpackRows(second)).toEqual(prepareSamples([SAMPLES[2]!]));
  });

  it('report each type’s earliest and latest start and latest end', () => {
    const builder = new PackedRowsBuilder(8);
    for (const s of SAMPLES) builder.add(s);
    const spans = typeSpans(builder.take());
    expect(spans.get('heart_rate')).toEqual({
      earliest: Date.parse('2024-05-01T10:00:00Z'),
      latest: Date.parse('2024-05-02T10:00:00Z'),
      lastEnd: Date.parse('2024-05-02T10:00:00Z'),
    });
    expect(spans.get('steps')?.lastEnd).toBe(Date.parse('2024-05-01T10:10:00Z'));
  });
});
