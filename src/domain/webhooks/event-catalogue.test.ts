import { describe, expect, it } from 'vitest';
import { assertPayload, envelope, SUBSCRIBABLE_EVENTS } from './event-catalogue.js';

describe('event catalogue', () => {
  it('accepts the spec’s risk_alert payload and wraps it in the spec’s envelope', () => {
    const data = { alert_id: 'alert_123', risk_type: 'cardiac', risk_level: 'red', risk_score: 78 };
    expect(() => assertPayload('risk_alert', data)).not.toThrow();
    expect(JSON.parse(envelope('risk_alert', new Date('2025-12-03T21:30:00.123Z'), 'user_12345', data))).toEqual({
      event: 'risk_alert',
      timestamp: '2025-12-03T21:30:00Z',
      user_id: 'user_12345',
      data,
    });
  });

  it('refuses extra fields (no health data slips in), wrong levels and malformed instants', () => {
    const base = { alert_id: 'a', risk_type: 'cardiac', risk_level: 'red', risk_score: 78 };
    expect(() => assertPayload('risk_alert', { ...base, heart_rate: 180 })).toThrow(/schema/);
    expect(() => assertPayload('risk_alert', { ...base, risk_level: 'purple' })).toThrow(/schema/);
    const sync = { batch_id: 'b', source_kind: 'healthkit_upload', records_stored: 1, duplicates_skipped: 0, synced_at: 'yesterday' };
    expect(() => assertPayload('device_sync', sync)).toThrow(/schema/);
    expect(() => assertPayload('device_sync', { ...sync, synced_at: '2025-12-03T21:30:00Z' })).not.toThrow();
  });

  it('lets endpoints subscribe to every event but the test ping', () => {
    expect(SUBSCRIBABLE_EVENTS).toEqual(expect.arrayContaining(['risk_alert', 'device_sync', 'prediction_update', 'import.completed']));
    expect(SUBSCRIBABLE_EVENTS).not.toContain('webhook.test');
  });
});
