import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/test-database.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, type TestUser } from '../helpers/users.js';
import { mhrasClient, SPEC_EXAMPLE, uniqueSubject, type MhrasError } from './mhras-helpers.js';

/** Storage, retrieval and consent, on SQLite and (with TEST_DATABASE_URL) PostgreSQL. */
describe.each(dialects())('MHRAS records on $label', (dialect) => {
  let t: TestApp;
  let clinician: TestUser;
  let auditor: TestUser;
  let api: ReturnType<typeof mhrasClient>;
  beforeAll(async () => {
    if (dialect.skipReason) return;
    t = await createTestApp({ database: await dialect.open() });
    clinician = await createUser(t.app, { role: 'clinician' });
    auditor = await createUser(t.app, { role: 'auditor' });
    api = mhrasClient(t);
  });
  afterAll(async () => t?.close());

  const screen = async (id: string, body: object = {}) => {
    const res = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: id, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ prediction_id: string; risk_score: { score: number; risk_level: string } }>();
  };

  describe.skipIf(dialect.skipReason)('GET /risk-score/{anonymized_id}', () => {
    it('returns the latest risk score with found: true, audited; 404 in the spec format when none', async () => {
      const id = uniqueSubject();
      await screen(id);
      t.clock.advance(1000);
      const latest = await screen(id, { survey_data: { phq9_score: 3 }, wearable_data: undefined, emr_data: undefined });
      const res = await api.riskScore(auditor, id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-model-version']).toBe('mhras_evidence_v1.0.0');
      expect(res.json()).toMatchObject({
        found: true,
        prediction_id: latest.prediction_id,
        risk_score: { anonymized_id: id, risk_level: 'low' },
      });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'screening.risk_score.read')
        .where('resource_id', '=', latest.prediction_id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).not.toMatch(/score|phq/i);
      const missing = await api.riskScore(clinician, 'never-screened');
      expect(missing.statusCode).toBe(404);
      expect(missing.json<MhrasError>()).toMatchObject({
        error: 'NotFoundError',
        message: 'No risk score found for never-screened',
        details: { anonymized_id: 'never-screened', resource_type: 'risk_score' },
      });
    });

    it('refuses no token, researchers and patients; rejects a malformed id', async () => {
      expect((await api.riskScore(null, 'x')).statusCode).toBe(401);
      for (const role of ['data_scientist', 'patient'])
        expect((await api.riskScore(await createUser(t.app, { role }), 'x')).statusCode).toBe(403);
      expect((await api.riskScore(clinician, 'a'.repeat(65))).statusCode).toBe(400);
    });
  });

  describe.skipIf(dialect.skipReason)('POST /explain', () => {
    it('explains the latest or a named prediction with the model version that made it', async () => {
      const id = uniqueSubject();
      const first = await screen(id);
      t.clock.advance(1000);
      await screen(id, { survey_data: { phq9_score: 1 } });
      const named = await api.explain(auditor, { anonymized_id: id, prediction_id: first.prediction_id });
      expect(named.statusCode, named.body).toBe(200);
      const body = named.json<{
        prediction_id: string;
        risk_score: { score: number };
        explanations: { top_features: [string, number][]; reference_score: number };
      }>();
      expect(body.prediction_id).toBe(first.prediction_id);
      expect(body.risk_score.score).toBeCloseTo(first.risk_score.score, 10);
      const sum = body.explanations.top_features.reduce((s, [, v]) => s + v, 0);
      expect(sum).toBeCloseTo(body.risk_score.score - body.explanations.reference_score, 9);
      const latest = await api.explain(clinician, { anonymized_id: id });
      expect(latest.json<{ prediction_id: string }>().prediction_id).not.toBe(first.prediction_id);
    });

    it('404 for an unknown prediction, 400 for a malformed one, 401/403 for no token or a researcher', async () => {
      const id = uniqueSubject();
      await screen(id);
      const unknown = await api.explain(clinician, { anonymized_id: id, prediction_id: 'pred_20250101_000000_abcdef' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<MhrasError>().details).toMatchObject({ resource_type: 'prediction' });
      expect((await api.explain(clinician, { anonymized_id: id, prediction_id: 'nope' })).statusCode).toBe(400);
      expect((await api.explain(null, { anonymized_id: id })).statusCode).toBe(401);
      expect((await api.explain(await createUser(t.app, { role: 'researcher' }), { anonymized_id: id })).statusCode).toBe(403);
    });
  });

  describe.skipIf(dialect.skipReason)('consent registry', () => {
    it('grants, reads and revokes; screening honours expiry, revocation and data types', async () => {
      const id = uniqueSubject();
      const expires = new Date(t.clock.now().getTime() + 60_000).toISOString();
      const granted = await api.send('POST', '/consents', clinician, {
        anonymized_id: id,
        data_types: ['survey', 'wearable'],
        expires_at: expires,
      });
      expect(granted.statusCode, granted.body).toBe(201);
      expect(granted.json()).toMatchObject({
        anonymized_id: id,
        data_types: ['survey', 'wearable'],
        consent_status: 'active',
        expires_at: expires,
      });
      expect((await api.send('GET', `/consents/${id}`, auditor)).json()).toMatchObject({ consent_status: 'active' });

      // EMR is not covered
      const scope = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: id });
      expect(scope.statusCode).toBe(403);
      expect(scope.json<MhrasError>()).toMatchObject({
        error: 'ConsentError',
        details: { consent_status: 'insufficient_scope', data_types_requested: ['survey', 'wearable', 'emr'], data_types_missing: ['emr'] },
      });
      const { emr_data: _emr, ...withoutEmr } = SPEC_EXAMPLE;
      expect((await api.screen(clinician, { ...withoutEmr, anonymized_id: id })).statusCode).toBe(200);

      t.clock.advance(120_000);
      try {
        const expired = await api.screen(clinician, { ...withoutEmr, anonymized_id: id });
        expect(expired.statusCode).toBe(403);
        expect(expired.json<MhrasError>()).toMatchObject({
          message: 'Consent verification failed: Consent expired',
          details: { anonymized_id: id, consent_status: 'expired', expired_at: expires, data_types_requested: ['survey', 'wearable'] },
        });
      } finally {
        t.clock.advance(-120_000);
      }

      const revoked = await api.send('DELETE', `/consents/${id}`, clinician);
      expect(revoked.json()).toMatchObject({ consent_status: 'revoked' });
      const refused = await api.screen(clinician, { ...withoutEmr, anonymized_id: id });
      expect(refused.json<MhrasError>().details).toMatchObject({ consent_status: 'revoked' });
      const actions = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'screening.consent.%').execute();
      expect(new Set(actions.map((a) => a.action))).toEqual(
        new Set(['screening.consent.grant', 'screening.consent.read', 'screening.consent.revoke']),
      );
    });

    it('validates grants, 404s unknown ids and keeps auditors and researchers from writing', async () => {
      const bad = await api.send('POST', '/consents', clinician, {
        anonymized_id: uniqueSubject(),
        data_types: ['dna'],
        expires_at: '2000-01-01T00:00:00Z',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<MhrasError>().details.validation_errors!.map((e) => e.field)).toContain('data_types.0');
      const past = await api.send('POST', '/consents', clinician, {
        anonymized_id: uniqueSubject(),
        data_types: ['survey'],
        expires_at: '2000-01-01T00:00:00Z',
      });
      expect(past.json<MhrasError>().details.validation_errors![0]).toMatchObject({ field: 'expires_at' });
      expect((await api.send('GET', '/consents/unknown-id', clinician)).statusCode).toBe(404);
      expect((await api.send('DELETE', '/consents/unknown-id', clinician)).statusCode).toBe(404);
      expect((await api.send('POST', '/consents', auditor, { anonymized_id: 'x', data_types: ['survey'] })).statusCode).toBe(403);
      expect((await api.send('GET', '/consents/x', null)).statusCode).toBe(401);
    });
  });
});
