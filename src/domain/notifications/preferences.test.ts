import { describe, expect, it } from 'vitest';
import { alertTypeFor, channelsFor, DEFAULT_PREFERENCES, mergePreferences } from './preferences.js';

describe('alert severities to the spec’s alert types', () => {
  it('maps critical, high, and medium/low to critical_health, high_risk and moderate_risk', () => {
    expect(alertTypeFor('critical')).toBe('critical_health');
    expect(alertTypeFor('high')).toBe('high_risk');
    expect(alertTypeFor('medium')).toBe('moderate_risk');
    expect(alertTypeFor('low')).toBe('moderate_risk');
  });
});

describe('channelsFor', () => {
  it('gives the spec defaults: critical by push and email (SMS is off overall), moderate by push', () => {
    expect(channelsFor(DEFAULT_PREFERENCES, 'critical_health')).toEqual(['push', 'email']);
    expect(channelsFor(DEFAULT_PREFERENCES, 'moderate_risk')).toEqual(['push']);
    expect(channelsFor(DEFAULT_PREFERENCES, 'daily_summary')).toEqual(['email']);
  });

  it('honours the master switches and a disabled type', () => {
    const prefs = mergePreferences(DEFAULT_PREFERENCES, { channels: { sms: true, push_notifications: false } });
    expect(channelsFor(prefs, 'critical_health')).toEqual(['email', 'sms']);
    const off = mergePreferences(prefs, { alert_types: { critical_health: { enabled: false } } });
    expect(channelsFor(off, 'critical_health')).toEqual([]);
  });
});

describe('mergePreferences', () => {
  it('changes only what the patch names, field by field inside an alert type', () => {
    const merged = mergePreferences(DEFAULT_PREFERENCES, { alert_types: { daily_summary: { time: '21:15' } }, timezone: 'Asia/Tokyo' });
    expect(merged.alert_types.daily_summary).toEqual({ enabled: true, channels: ['email'], time: '21:15' });
    expect(merged.alert_types.weekly_report).toEqual(DEFAULT_PREFERENCES.alert_types.weekly_report);
    expect(merged.timezone).toBe('Asia/Tokyo');
    expect(mergePreferences(merged, { timezone: null }).timezone).toBeNull();
  });
});
