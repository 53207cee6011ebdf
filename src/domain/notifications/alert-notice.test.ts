import { describe, expect, it } from 'vitest';
import type { Alert } from '../alerts/index.js';
import { alertNotice, alertsNotice } from './alert-notice.js';

const alert = (id: string, severity: Alert['severity'], title: string): Alert => ({
  id,
  personId: 'p1',
  kind: `kind_${id}`,
  conditionKey: `key_${id}`,
  severity,
  title,
  message: 'never sent',
  recommendedActions: ['never sent either'],
  actionRequired: true,
  trigger: { type: 't', window: { from: null, to: null, days: 1 }, values: { secret_value: 123 }, thresholds: {}, model: null },
  status: 'active',
  occurrences: 1,
  firstAt: '2026-03-20T18:00:00.000Z',
  lastAt: '2026-03-20T18:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  userResponse: null,
  resolvedAt: null,
});

describe('alertsNotice', () => {
  it('is alertNotice for one alert', () => {
    const one = alert('a1', 'high', 'Resting heart rate rising');
    expect(alertsNotice([one])).toEqual(alertNotice(one));
  });

  it('names several alerts in one message, most severe first, titles and severities only', () => {
    const notice = alertsNotice([
      alert('a1', 'medium', 'Sleep shorter'),
      alert('a2', 'critical', 'Screening critical'),
      alert('a3', 'critical', 'Screening critical'),
    ]);
    expect(notice.subject).toBe('Homeostat: 3 new alerts, the most severe critical');
    expect(notice.emailText.split('\n').slice(0, 3)).toEqual([
      'Critical alert: Screening critical',
      'Critical alert: Screening critical',
      'Medium alert: Sleep shorter',
    ]);
    expect(notice.emailText).toContain('contact your doctor or emergency services');
    expect(notice.push).toEqual({
      title: '3 new alerts (critical)',
      body: 'Screening critical; Sleep shorter',
      tag: 'alerts',
      urgency: 'high',
    });
    expect(notice.sms).toBe('Homeostat: 3 new alerts, the most severe critical. Sign in to see details.');
    expect(JSON.stringify(notice)).not.toMatch(/never sent|secret_value|123/);
  });

  it('counts what it does not name', () => {
    const many = Array.from({ length: 13 }, (_, i) => alert(`a${i}`, 'low', `Alert ${i}`));
    const notice = alertsNotice(many);
    expect(notice.emailText).toContain('and 3 more');
    expect(notice.emailText.match(/^Low alert: /gm)).toHaveLength(10);
    expect(notice.push.urgency).toBe('normal');
  });
});
