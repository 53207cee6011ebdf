import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertService } from '../../src/domain/alerts/index.js';
import { emptyFeatures } from '../../src/domain/twin/testing/feature-factory.js';
import { scoreTwins } from '../../src/domain/twin/scoring/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { mhrasClient, SPEC_EXAMPLE, uniqueSubject } from './mhras-helpers.js';

/** Critical screenings and overdue review cases become alerts of the clinician who submitted the screening. */

const NOW = new Date('2026-03-20T18:00:00Z');

interface AlertBody {
  alert_id: string;
  type: string;
  severity: string;
  status: string;
  occurrences: number;
  action_required: boolean;
  trigger: { type: string; values: Record<string, unknown>; model: string | null };
}

describe.each(dialects())('screening alerts on $label', (dialect) => {
  let t: TestApp;
  let clinician: TestUser;
  let api: ReturnType<typeof mhrasClient>;

  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    t.clock.set(NOW);
    clinician = await createUser(t.app, { role: 'clinician' });
    api = mhrasClient(t);
  });
  afterEach(async () => t?.close());

  const alertsOf = async (user: TestUser): Promise<AlertBody[]> => {
    await t.app.services.screeningAlerts.idle();
    const res = await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: bearer(user.accessToken) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ alerts: AlertBody[] }>().alerts;
  };
  const screenCritical = async (subject: string) => {
    const res = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: subject });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ prediction_id: string; review_id: string; alert_triggered: boolean }>();
  };

  describe('screening alerts', () => {
    it('a critical screening raises one critical alert for its submitter, marked delivered, and nobody else sees it', async () => {
      const subject = uniqueSubject();
      const screened = await screenCritical(subject);
      expect(screened.alert_triggered).toBe(true);

      const [alert, ...rest] = await alertsOf(clinician);
      expect(rest).toEqual([]);
      expect(alert).toMatchObject({
        type: 'screening_critical_risk',
        severity: 'critical',
        status: 'active',
        action_required: true,
        occurrences: 1,
        trigger: {
          type: 'mental_health_screening',
          values: { anonymized_id: subject, prediction_id: screened.prediction_id, review_id: screened.review_id, risk_level: 'critical' },
          model: 'mhras_evidence@1.0.0',
        },
      });
      const recorded = await t.database.db.selectFrom('screening_alerts').select('delivered_at').executeTakeFirstOrThrow();
      expect(recorded.delivered_at).toBe(NOW.toISOString());

      const other = await createUser(t.app, { role: 'clinician' });
      expect(await alertsOf(other)).toEqual([]);
    });

    it('merges a second critical screening of the same subject; another subject is its own alert', async () => {
      const subject = uniqueSubject();
      await screenCritical(subject);
      await alertsOf(clinician);
      await screenCritical(subject);
      await screenCritical(uniqueSubject());
      const alerts = await alertsOf(clinician);
      expect(alerts.map((a) => a.occurrences).sort()).toEqual([1, 2]);
    });

    it('tells the submitter’s webhooks that a review is required, with the screening’s level', async () => {
      const publish = vi.spyOn(t.app.services.webhooks, 'publish');
      const screened = await screenCritical(uniqueSubject());
      expect(publish).toHaveBeenCalledWith(clinician.id, 'screening.review_required', {
        screening_id: screened.prediction_id,
        review_id: screened.review_id,
        risk_level: 'critical',
        reason: 'safety_rail',
      });
      await t.app.services.screeningAlerts.idle();
      expect(publish).toHaveBeenCalledWith(
        clinician.id,
        'alert.created',
        expect.objectContaining({ alert_type: 'screening_critical_risk' }),
      );
    });

    it('an overdue review case raises a review_overdue alert once the escalation runs', async () => {
      const screened = await screenCritical(uniqueSubject());
      t.clock.set(new Date(NOW.getTime() + (t.app.services.config.MHRAS_REVIEW_ESCALATION_MINUTES + 1) * 60_000));
      expect(await t.app.services.screening.service.escalateOverdue()).toBe(1);
      await t.app.services.screeningAlerts.idle();
      // Hours later the test token has expired: read the service directly.
      const { items } = await t.app.services.alerts.list(clinician.id, 'active', 10);
      const overdue = items.find((a) => a.kind === 'screening_review_overdue');
      expect(overdue).toMatchObject({ severity: 'critical', trigger: { values: { review_id: screened.review_id } } });
    });

    it('resolving the review case resolves its alerts, unless a later critical screening of the subject has its own case', async () => {
      const resolve = async (reviewId: string) => {
        const res = await api.send('POST', `/reviews/${reviewId}/resolve`, clinician, { resolution: 'Seen by the crisis team' });
        expect(res.statusCode, res.body).toBe(200);
      };
      const subject = uniqueSubject();
      const first = await screenCritical(subject);
      await alertsOf(clinician);
      const second = await screenCritical(subject);
      expect(await alertsOf(clinician)).toEqual([expect.objectContaining({ occurrences: 2, status: 'active' })]);

      await resolve(first.review_id);
      expect((await alertsOf(clinician)).map((a) => a.status)).toEqual(['active']); // it now points at the second case
      await resolve(second.review_id);
      expect(await alertsOf(clinician)).toEqual([]);
      const { items } = await t.app.services.alerts.list(clinician.id, 'resolved', 10);
      expect(items.map((a) => a.kind)).toEqual(['screening_critical_risk']);
    });

    it('a recompute of the submitter’s own twin does not resolve screening alerts', async () => {
      await screenCritical(uniqueSubject());
      await alertsOf(clinician);
      const features = emptyFeatures(NOW.toISOString());
      await new AlertService(t.database.db, t.clock, []).evaluate(clinician.id, features, scoreTwins(features));
      expect((await alertsOf(clinician)).map((a) => a.status)).toEqual(['active']);
    });

    it('an alert left undelivered (a crash between recording and raising) is raised by the next poke, as at start-up', async () => {
      await screenCritical(uniqueSubject());
      await t.app.services.screeningAlerts.idle();
      await t.database.db.deleteFrom('alerts').execute();
      await t.database.db.updateTable('screening_alerts').set({ delivered_at: null }).execute();
      t.app.services.screeningAlerts.poke();
      expect((await alertsOf(clinician)).map((a) => a.type)).toEqual(['screening_critical_risk']);
    });

    it('critical screenings stored at the same time: one alert per subject, repeats merged, each alert emailed once', async () => {
      const [a, b, c] = [uniqueSubject(), uniqueSubject(), uniqueSubject()];
      // Concurrent requests share store transactions and relay batches (how many depends on timing).
      const responses = await Promise.all(
        [a, b, c, a].map((subject) => api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: subject })),
      );
      expect(responses.map((res) => res.statusCode)).toEqual([200, 200, 200, 200]);
      const alerts = await alertsOf(clinician);
      const bySubject = new Map(alerts.map((alert) => [alert.trigger.values.anonymized_id, alert.occurrences]));
      expect(bySubject).toEqual(
        new Map([
          [a, 2],
          [b, 1],
          [c, 1],
        ]),
      );
      const pending = await t.database.db.selectFrom('screening_alerts').select('id').where('delivered_at', 'is', null).execute();
      expect(pending).toEqual([]);

      // Alerts raised together go out as one message per channel; across the messages, each alert exactly once.
      await t.app.services.jobs.idle();
      const mail = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('channel', '=', 'email')
        .where('recipient', '=', clinician.email)
        .execute();
      expect(mail.length).toBeGreaterThanOrEqual(1);
      expect(mail.flatMap((m) => m.body.match(/Critical alert: Critical mental-health screening result/g) ?? [])).toHaveLength(3);
      const claimed = await t.database.db
        .selectFrom('notification_sent')
        .select(['kind', 'occasion'])
        .where('person_id', '=', clinician.id)
        .execute();
      expect(
        claimed
          .filter((row) => row.kind === 'alert.email')
          .map((row) => row.occasion)
          .sort(),
      ).toEqual(alerts.map((alert) => `alert:${alert.alert_id}`).sort());
    });
  });
});
