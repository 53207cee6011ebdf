/**
 * The writing side tells progress at most every 100 ms, not per batch, and never loses what it did not tell: the last
 * position and every record error reach the main thread before the import's outcome.
 */
import { describe, expect, it } from 'vitest';
import type { ObservationWriter } from '../../observations/store/observation-writer.js';
import { PackedRowsBuilder } from '../../observations/store/packed-rows.js';
import type { RecordError } from '../apple-health/index.js';
import { BatchConsumer } from './batch-consumer.js';
import type { WorkerMessage, WriterEvent } from './worker-protocol.js';

const writer = { writePacked: async () => ({}), recomputeRollupWindow: async () => undefined } as unknown as ObservationWriter;

function recordError(line: number): RecordError {
  return {
    element: 'Record',
    identifier: 'HKQuantityTypeIdentifierHeartRate',
    code: 'bad_value',
    reason: 'not a number',
    index: line,
    offset: 0,
    line,
  };
}

function batch(sampleEnd: number, errors: RecordError[] = []): WorkerMessage {
  return {
    type: 'batch',
    rows: new PackedRowsBuilder(4).take(),
    sampleEnd,
    xmlBytesDone: sampleEnd * 100,
    xmlBytesTotal: 10_000,
    recordErrors: errors,
  };
}

describe('BatchConsumer progress', () => {
  it('tells the first batch at once, folds the quick ones after it, and tells the rest (with their errors) before done', async () => {
    const events: WriterEvent[] = [];
    let acks = 0;
    const consumer = new BatchConsumer(
      writer,
      { personId: 'p', batchId: 'b', detail: {} },
      (e) => events.push(e),
      () => acks++,
    );
    await consumer.handle(batch(10));
    await consumer.handle(batch(20, [recordError(3)]));
    await consumer.handle(batch(30, [recordError(7)]));
    await consumer.handle({ type: 'done', stats: {} as never, activitySummaries: 0, xmlBytesTotal: 10_000 });

    expect(acks).toBe(3); // every batch is acknowledged at once: only the telling is folded
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.samplesDone)).toEqual([10, 30]);
    expect(progress[1]!.recordErrors.map((e) => e.line)).toEqual([3, 7]);
    expect(events.at(-1)!.type).toBe('done');
  });

  it('tells a batch that comes after the interval', async () => {
    const events: WriterEvent[] = [];
    const consumer = new BatchConsumer(
      writer,
      { personId: 'p', batchId: 'b', detail: {} },
      (e) => events.push(e),
      () => undefined,
    );
    await consumer.handle(batch(10));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await consumer.handle(batch(20));
    expect(events.filter((e) => e.type === 'progress').map((e) => e.samplesDone)).toEqual([10, 20]);
  });
});
