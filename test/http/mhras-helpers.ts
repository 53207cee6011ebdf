import type { TestApp } from '../helpers/test-app.js';
import { bearer, type TestUser } from '../helpers/users.js';

/** The MHRAS spec's full /screen request example. */
export const SPEC_EXAMPLE = {
  anonymized_id: 'a1b2c3d4e5f6789012345678',
  survey_data: {
    phq9_score: 15,
    phq9_items: [2, 2, 2, 1, 2, 1, 2, 1, 2],
    gad7_score: 12,
    gad7_items: [2, 1, 2, 2, 1, 2, 2],
    recent_stressors: ['work', 'relationships'],
    support_system_rating: 3,
  },
  wearable_data: {
    avg_heart_rate: 75,
    resting_heart_rate: 62,
    hrv_rmssd: 35.2,
    sleep_hours: 6.5,
    sleep_efficiency: 0.82,
    sleep_interruptions: 3,
    steps_per_day: 5200,
    active_minutes: 25,
  },
  emr_data: {
    diagnosis_codes: ['F32.1', 'F41.1'],
    medications: ['sertraline 50mg'],
    recent_visits: 2,
    therapy_sessions_attended: 4,
    therapy_sessions_scheduled: 6,
  },
  consent_verified: true,
  timestamp: '2025-11-17T10:30:00Z',
};

export interface MhrasError {
  error: string;
  message: string;
  details: Record<string, unknown> & { validation_errors?: { field: string; message: string; type: string; input?: unknown }[] };
  timestamp: string;
}

export const uniqueSubject = (label = 'subj'): string => `${label}${Math.random().toString(36).slice(2, 12)}`;

export function mhrasClient(t: TestApp) {
  const send = (method: 'GET' | 'POST' | 'DELETE', url: string, user: TestUser | null, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: user ? bearer(user.accessToken) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    screen: (user: TestUser | null, body: unknown) => send('POST', '/screen', user, body),
    riskScore: (user: TestUser | null, id: string) => send('GET', `/risk-score/${encodeURIComponent(id)}`, user),
    explain: (user: TestUser | null, body: unknown) => send('POST', '/explain', user, body),
    send,
  };
}
