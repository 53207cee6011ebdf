import { describe, expect, it } from 'vitest';
import { Announcements } from './announcements.js';
import { InProcessAnalysisEvents } from './domain/actigraphy/index.js';
import type { Alert } from './domain/alerts/index.js';
import type { IngestBatch } from './domain/observations/index.js';
import { PersonEventDataSchemas, type PersonEvents, type PersonEventType } from './domain/realtime/index.js';
import { EVENT_SCHEMAS, type EventType, type Webhooks } from './domain/webhooks/index.js';
import { Value } from 'typebox/value';
import { ManualClock } from './platform/clock.js';

function setup() {
  const emitted: { personId: string; type: string; data: unknown }[] = [];
  const published: { personId: string; event: string; data: unknown }[] = [];
  // The fakes hold every payload to the real schemas: a mismatch would be dropped (logged) in production.
  const events = {
    emit: (personId: string, e: { type: PersonEventType; data: unknown }) => {
      expect(Value.Check(PersonEventDataSchemas[e.type], e.data), e.type).toBe(true);
      emitted.push({ personId, ...e });
      return Promise.resolve();
    },
  };
  const webhooks = {
    publish: (personId: string, event: EventType, data: unknown) => {
      expect(Value.Check(EVENT_SCHEMAS[event], data), event).toBe(true);
      published.push({ personId, event, data });
      return Promise.resolve();
    },
  };
  const clock = new ManualClock(new Date('2026-03-20T10:00:00Z'));
  const log = { warn: () => undefined };
  const announce = new Announcements(events as unknown as PersonEvents, webhooks as unknown as Webhooks, clock, log as never);
  return { announce, emitted, published, clock };
}

const batch = (over: Partial<IngestBatch>): IngestBatch =>
  ({
    id: 'b1',
    personId: 'p1',
    kind: 'healthkit_upload',
    state: 'completed',
    stored: 5,
    duplicates: 2,
    failedItems: 1,
    ...over,
  }) as IngestBatch;

describe('Announcements', () => {
  it('tells the person and their webhooks that an upload finished, with counts only', () => {
    const { announce, emitted, published } = setup();
    announce.uploadFinished(batch({}));
    expect(emitted).toEqual([
      {
        personId: 'p1',
        type: 'upload.completed',
        data: { upload_id: 'b1', kind: 'healthkit_upload', status: 'completed', stored: 5, duplicates: 2, failed_items: 1 },
      },
    ]);
    expect(published.map((p) => p.event)).toEqual(['upload.completed', 'device_sync']);
    expect(published[0]!.data).toEqual({
      upload_id: 'b1',
      kind: 'healthkit_upload',
      records_stored: 5,
      duplicates_skipped: 2,
      failed_records: 1,
    });
  });

  it('a failed upload reaches the person but no webhook (there is nothing synced to announce)', () => {
    const { announce, emitted, published } = setup();
    announce.uploadFinished(batch({ state: 'failed' }));
    expect(emitted[0]).toMatchObject({ type: 'upload.completed', data: { status: 'failed' } });
    expect(published).toEqual([]);
  });

  it('sends at most one import progress event a second, and the end as completed or failed', () => {
    const { announce, emitted, published, clock } = setup();
    const imp = { id: 'i1', personId: 'p1' };
    const progress = { xmlBytesDone: 10, xmlBytesTotal: 100, samplesDone: 3 };
    announce.imports.progress!(imp, progress);
    announce.imports.progress!(imp, progress);
    clock.advance(1000);
    announce.imports.progress!(imp, progress);
    expect(emitted.filter((e) => e.type === 'import.progress')).toHaveLength(2);
    announce.imports.finished!(imp, { state: 'failed', errorCode: 'zip_bomb', stored: 0, duplicates: 0 });
    expect(published).toEqual([
      { personId: 'p1', event: 'import.failed', data: { import_id: 'i1', reason: 'zip_bomb', failed_at: '2026-03-20T10:00:01.000Z' } },
    ]);
  });

  it('relays PAT analysis progress and completion to the person', () => {
    const { announce, emitted } = setup();
    const analyses = new InProcessAnalysisEvents();
    announce.relayAnalyses(analyses);
    analyses.emit('analysis.progress', { personId: 'p2', processingId: 'a1', progress: 0.5, stage: 'sleep' });
    analyses.emit('analysis.completed', { personId: 'p2', processingId: 'a1', status: 'completed' });
    expect(emitted).toEqual([
      { personId: 'p2', type: 'pat.progress', data: { analysis_id: 'a1', stage: 'sleep', progress: 0.5 } },
      { personId: 'p2', type: 'pat.completed', data: { analysis_id: 'a1', status: 'completed' } },
    ]);
  });

  it('announces a new alert to the person and their webhooks, and a twin-level one as risk_alert', () => {
    const { announce, emitted, published } = setup();
    const alert = (kind: string, trigger: object) =>
      ({ id: `alert_${kind}`, kind, severity: 'high', firstAt: '2026-03-20T10:00:00.000Z', trigger }) as unknown as Alert;
    announce.alertCreated('p1', alert('low_spo2', { type: 'spo2', values: { lowest_percent: 86 } }));
    announce.alertCreated(
      'p1',
      alert('twin_poor', { type: 'twin_score', values: { twin: 'sleep', score: 22, status: 'poor', risk_score: 78, risk_level: 'red' } }),
    );
    expect(emitted).toEqual([
      { personId: 'p1', type: 'alert.created', data: { alert_id: 'alert_low_spo2', kind: 'low_spo2', severity: 'high' } },
      { personId: 'p1', type: 'alert.created', data: { alert_id: 'alert_twin_poor', kind: 'twin_poor', severity: 'high' } },
    ]);
    expect(published).toEqual([
      {
        personId: 'p1',
        event: 'alert.created',
        data: { alert_id: 'alert_low_spo2', alert_type: 'low_spo2', severity: 'high', created_at: '2026-03-20T10:00:00.000Z' },
      },
      {
        personId: 'p1',
        event: 'alert.created',
        data: { alert_id: 'alert_twin_poor', alert_type: 'twin_poor', severity: 'high', created_at: '2026-03-20T10:00:00.000Z' },
      },
      { personId: 'p1', event: 'risk_alert', data: { alert_id: 'alert_twin_poor', risk_type: 'sleep', risk_level: 'red', risk_score: 78 } },
    ]);
  });
});
