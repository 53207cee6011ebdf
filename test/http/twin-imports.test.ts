import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BILLION_LAUGHS, heartRateExport } from '../helpers/export-xml.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/apple-health');
const ZIP = readFileSync(join(FIXTURES, 'jshrake-example/export.zip'));
const DOGSHEEP = readFileSync(join(FIXTURES, 'dogsheep/export.xml'));

describe.each(dialects())('Twin /v1/imports on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const post = (body: Buffer | string, contentType = 'application/zip', token = user.accessToken) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/imports/apple-health',
      headers: { ...bearer(token), 'content-type': contentType },
      payload: body,
    });
  const status = async (id: string, token = user.accessToken) =>
    t.app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: bearer(token) });
  async function importAndWait(body: Buffer | string, contentType?: string) {
    const res = await post(body, contentType);
    expect(res.statusCode, res.body).toBe(202);
    await t.app.services.jobs.idle();
    return (await status(res.json().import_id)).json();
  }
  const rowCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports a real iOS 16 export.zip; importing it again stores nothing new', async () => {
    const first = await importAndWait(ZIP);
    expect(first).toMatchObject({ state: 'completed', percentage: 100, duplicates_skipped: 0 });
    expect(first.stored).toBeGreaterThan(0);
    expect(first.records_processed).toBe(first.stored);
    expect(first.bytes_total).toBe(first.bytes_processed);
    const rows = await rowCount();
    expect(rows).toBe(first.stored);
    const again = await importAndWait(ZIP);
    expect(again).toMatchObject({ state: 'completed', stored: 0, duplicates_skipped: first.stored });
    expect(await rowCount()).toBe(rows);
  });

  it('imports an export.xml, dedups the device memory addresses into one source, and fills an empty profile', async () => {
    const done = await importAndWait(heartRateExport(30), 'application/xml');
    expect(done).toMatchObject({ state: 'completed', stored: 30 });
    const sources = await t.database.db.selectFrom('observation_sources').select(['name', 'source_class']).execute();
    expect(sources).toEqual([{ name: 'Ada’s Apple Watch', source_class: 'watch' }]);
    const me = (await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(user.accessToken) })).json();
    expect(me).toMatchObject({ date_of_birth: '1980-04-02', gender: 'female' });
    const hour = await t.app.services.observations.reader.rollups(user.id, 'heart_rate', 'hour', 0, Number.MAX_SAFE_INTEGER);
    expect(hour).toEqual([{ bucket: Date.parse('2024-04-30T23:00:00Z'), count: 30, sum: 30 * 60 + (29 * 30) / 2, min: 60, max: 89 }]);
    expect((await importAndWait(DOGSHEEP, 'text/xml')).state).toBe('completed');
  });

  it('fails hostile or broken exports with a clear error and leaves nothing behind', async () => {
    const laughs = await importAndWait(BILLION_LAUGHS, 'application/xml');
    expect(laughs.state).toBe('failed');
    expect(laughs.errors[0].message).toMatch(/entity/i);
    const full = heartRateExport(50);
    const truncated = await importAndWait(full.slice(0, Math.floor(full.length * 0.7)), 'application/xml');
    expect(truncated).toMatchObject({ state: 'failed', stored: 0 });
    expect(truncated.errors[0].message).toMatch(/truncated/);
    const brokenZip = await importAndWait(ZIP.subarray(0, Math.floor(ZIP.length / 2)));
    expect(brokenZip.state).toBe('failed');
    expect(await rowCount()).toBe(0);
  });

  it('refuses a missing body, a wrong content type and a missing or expired token', async () => {
    expect((await post('', 'application/zip')).statusCode).toBe(422);
    expect((await post('{}', 'application/json')).statusCode).toBe(415);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/imports/apple-health',
          headers: { 'content-type': 'application/zip' },
          payload: ZIP,
        })
      ).statusCode,
    ).toBe(401);
    t.clock.advance(2 * 3_600_000);
    expect((await post(ZIP)).statusCode).toBe(401);
  });

  it('answers another person’s import as not found', async () => {
    const res = await post(heartRateExport(3), 'application/xml');
    const other = await createUser(t.app);
    const peek = await status(res.json().import_id, other.accessToken);
    expect(peek.statusCode).toBe(404);
    expect(peek.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await t.app.services.jobs.idle();
  });
});
