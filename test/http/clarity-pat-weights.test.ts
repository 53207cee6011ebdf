/**
 * With PAT weights configured: the worker loads them, models/info says which are loaded, and an analysis of a week
 * carries the 96-d embedding (equal to the encoder's own output on the same standardised week) and, on request, the
 * per-minute attention profile. The weights here are random (test fixture), written in the published Keras 2 layout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PatEncoder } from '../../src/domain/actigraphy/pat/pat-encoder.js';
import { patInput } from '../../src/domain/actigraphy/pat/pat-input.js';
import { randomPatWeights } from '../fixtures/pat/random-pat-weights.js';
import { writePatH5 } from '../fixtures/pat/write-pat-h5.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { dataPoints, sleeperCounts } from './clarity-pat.helpers.js';

const SEED = 99;

describe('Clarity /api/v1/pat with PAT weights', () => {
  let dir: string;
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pat-http-'));
    await writePatH5(join(dir, 'PAT-S_29k_weights.h5'), randomPatWeights('S', SEED));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    t = await createTestApp({ env: { PAT_WEIGHTS_DIR: dir } });
    t.clock.set(new Date('2024-03-12T00:00:00Z'));
    user = await createUser(t.app);
    await t.app.services.actigraphy.pat.whenReady();
  });
  afterEach(async () => t?.close());

  it('reports PAT-S loaded and the others missing', async () => {
    const info = (await t.app.inject({ method: 'GET', url: '/api/v1/pat/models/info', headers: bearer(user.accessToken) })).json();
    expect(info.models[0]).toMatchObject({
      model_id: 'PAT-S',
      loaded: true,
      used_for_analyses: true,
      weights_file: 'PAT-S_29k_weights.h5',
    });
    expect(info.models[1]).toMatchObject({ model_id: 'PAT-M', loaded: false });
    expect(info.models[1].reason).toContain('no PAT-<size>');
    const health = (await t.app.inject({ method: 'GET', url: '/api/v1/pat/health', headers: bearer(user.accessToken) })).json();
    expect(health.models['PAT-S']).toBe('loaded');
  });

  it('adds the embedding of the last week and, on request, the attention profile per minute', async () => {
    const counts = sleeperCounts(8, 3);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pat/analyze',
      headers: bearer(user.accessToken),
      payload: { data_points: dataPoints(counts), duration_hours: 8 * 24 },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.services.jobs.idle();
    const url = `/api/v1/pat/analysis/${res.json().processing_id}`;
    const body = (await t.app.inject({ method: 'GET', url, headers: bearer(user.accessToken) })).json();
    expect(body.status).toBe('completed');
    expect(body.feature_embeddings).toHaveLength(96);
    expect(body.pat).toMatchObject({
      status: 'computed',
      model: 'PAT-S',
      in_pretraining_distribution: true,
      input_window: { minutes: 10_080 },
    });
    expect(body.pat.notes.join(' ')).toMatch(/no depression, mania or sleep predictions/);
    expect(body.confidence_scores.analyses.feature_embeddings).toEqual({ status: 'computed' });
    expect(body.attention_profile).toBeUndefined();

    const prepared = patInput(counts, new Uint8Array(counts.length));
    if (!prepared.ok) throw new Error(prepared.reason);
    const direct = new PatEncoder(randomPatWeights('S', SEED)).forward(prepared.input);
    body.feature_embeddings.forEach((v: number, i: number) => expect(v).toBeCloseTo(direct.embedding[i]!, 6));

    const withAttention = (
      await t.app.inject({ method: 'GET', url: `${url}?include_attention=true`, headers: bearer(user.accessToken) })
    ).json();
    expect(withAttention.attention_profile.patch_size).toBe(18);
    expect(withAttention.attention_profile.per_minute).toHaveLength(10_080);
    expect(withAttention.attention_profile.per_minute[17]).toBe(withAttention.attention_profile.per_minute[0]);
  });

  it('abstains from PAT with fewer than seven days, saying why', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pat/analyze',
      headers: bearer(user.accessToken),
      payload: { data_points: dataPoints(sleeperCounts(2)), duration_hours: 48 },
    });
    await t.app.services.jobs.idle();
    const body = (
      await t.app.inject({ method: 'GET', url: `/api/v1/pat/analysis/${res.json().processing_id}`, headers: bearer(user.accessToken) })
    ).json();
    expect(body.feature_embeddings).toBeUndefined();
    expect(body.pat).toMatchObject({ status: 'abstained', model: 'PAT-S' });
    expect(body.pat.reason).toContain('one week');
  });
});
