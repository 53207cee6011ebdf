import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

interface Entry {
  seq: number;
  id: string;
  at: string;
  action: string;
  outcome: string;
  actor_id: string | null;
  subject_user_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}
interface AuditPage {
  data: Entry[];
  pagination: { next_cursor: string | null; has_more: boolean; total_count: number };
}

describe.each(dialects())('GET /v1/audit on $label', (dialect) => {
  let t: TestApp;
  let auditor: TestUser;

  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    auditor = await createUser(t.app, { role: 'auditor' });
  });
  afterEach(async () => {
    await t?.close();
  });

  const get = (user: TestUser | null, query = '') =>
    t.app.inject({ method: 'GET', url: `/v1/audit${query}`, headers: user ? bearer(user.accessToken) : {} });
  const page = async (user: TestUser, query = ''): Promise<AuditPage> => {
    const response = await get(user, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditPage>();
  };

  it('gives auditors and admins the log, newest first, with Twin pagination', async () => {
    const admin = await createUser(t.app, { role: 'admin' });
    for (const reader of [auditor, admin]) {
      const body = await page(reader);
      expect(Object.keys(body).sort()).toEqual(['data', 'pagination']);
      expect(body.pagination).toMatchObject({ next_cursor: null, has_more: false, total_count: body.data.length });
      const seqs = body.data.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(seqs.at(-1)).toBe(1);
      expect(body.data).toContainEqual(
        expect.objectContaining({ action: 'auth.login', outcome: 'success', actor_id: admin.id, subject_user_id: admin.id }),
      );
      expect(body.data[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(body.data[1]?.hash).toBe(body.data[0]?.prev_hash);
    }
  });

  it('refuses patients and clinicians (403, Twin format) and callers without a token (401)', async () => {
    const patient = await createUser(t.app);
    const clinician = await createUser(t.app, { role: 'clinician' });
    for (const user of [patient, clinician]) {
      const response = await get(user);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        error: {
          code: 'FORBIDDEN',
          message: expect.any(String) as string,
          details: expect.any(Object) as object,
          request_id: response.headers['x-request-id'],
        },
      });
    }
    const anonymous = await get(null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.read').execute()).toEqual([]);
  });

  it('records every read of the audit log as an audit.read entry', async () => {
    await page(auditor, '?action=auth.register');
    const body = await page(auditor, '?action=audit.read');
    expect(body.data).toEqual([
      expect.objectContaining({
        action: 'audit.read',
        outcome: 'success',
        actor_id: auditor.id,
        details: { returned: 1, page: 'first', filtered: true },
      }),
    ]);
    const reads = await t.database.db.selectFrom('audit_log').select('actor_role').where('action', '=', 'audit.read').execute();
    expect(reads).toEqual([{ actor_role: 'auditor' }, { actor_role: 'auditor' }]);
  });

  it('filters by action, user_id and actor_id', async () => {
    const alice = await createUser(t.app);
    const bob = await createUser(t.app);
    const registrations = await page(auditor, '?action=auth.register');
    expect(registrations.data.map((e) => e.subject_user_id)).toEqual([bob.id, alice.id, auditor.id]);
    expect(registrations.pagination.total_count).toBe(3);

    const aboutAlice = await page(auditor, `?user_id=${alice.id}`);
    expect(aboutAlice.data.map((e) => e.action)).toEqual(['auth.login', 'auth.register']);
    expect(aboutAlice.data.every((e) => e.subject_user_id === alice.id)).toBe(true);

    const byAuditor = await page(auditor, `?actor_id=${auditor.id}&action=audit.read`);
    expect(byAuditor.data).toHaveLength(2); // the two reads above
    expect((await page(auditor, `?actor_id=${bob.id}&action=auth.register`)).data).toEqual([expect.objectContaining({ actor_id: bob.id })]);
    expect((await page(auditor, '?action=no.such.action')).pagination).toEqual({ next_cursor: null, has_more: false, total_count: 0 });
  });

  it('filters by time: since inclusive, until exclusive, in any offset', async () => {
    t.clock.advance(60_000);
    const from = t.clock.now();
    const alice = await createUser(t.app);
    t.clock.advance(60_000);
    const to = t.clock.now();
    await createUser(t.app);
    const window = await page(auditor, `?since=${from.toISOString()}&until=${to.toISOString()}&action=auth.register`);
    expect(window.data.map((e) => e.subject_user_id)).toEqual([alice.id]);
    // The same instant written with a +02:00 offset and without milliseconds.
    const local = new Date(from.getTime() + 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+02:00');
    const since = await page(auditor, `?since=${encodeURIComponent(local)}&action=auth.register`);
    expect(since.data).toHaveLength(2);
    expect(since.data.every((e) => e.at >= from.toISOString())).toBe(true);
    const bad = await get(auditor, '?since=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { parameter: 'since' } } });
  });

  it('walks every page with limit=2: no duplicates, no gaps, stable total_count', async () => {
    for (let i = 0; i < 3; i += 1) await createUser(t.app);
    const seen: number[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body: AuditPage = await page(auditor, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(body.data.length).toBeLessThanOrEqual(2);
      expect(body.pagination.has_more).toBe(body.pagination.next_cursor !== null);
      seen.push(...body.data.map((e) => e.seq));
      totals.add(body.pagination.total_count);
      cursor = body.pagination.next_cursor;
      pages += 1;
    } while (cursor && pages < 50);
    const total = [...totals][0] ?? 0;
    expect(totals.size).toBe(1);
    expect(total).toBe(8); // auditor + 3 users: a register and a login each
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect(pages).toBe(4);
  });

  it('refuses a tampered cursor and a cursor reused with other filters (400 naming cursor)', async () => {
    await createUser(t.app);
    const first = await page(auditor, '?limit=1&action=auth.register');
    const cursor = first.pagination.next_cursor ?? '';
    expect(cursor).not.toBe('');
    expect((await page(auditor, `?limit=1&action=auth.register&cursor=${encodeURIComponent(cursor)}`)).data).toHaveLength(1);

    const [body = '', signature = ''] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'audit:{"action":"auth.register"}', p: { seq: 999, top: 999 } })).toString('base64url');
    const flipped = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const query of [
      `?limit=1&action=auth.register&cursor=${encodeURIComponent(flipped)}`,
      `?limit=1&action=auth.register&cursor=${forged}.${signature}`,
      `?limit=1&action=auth.register&cursor=not-a-cursor`,
      `?limit=1&action=auth.login&cursor=${encodeURIComponent(cursor)}`,
      `?limit=1&cursor=${encodeURIComponent(cursor)}`,
    ]) {
      const response = await get(auditor, query);
      expect(response.statusCode, query).toBe(400);
      const error = response.json<{ error: { code: string; details: { fields: { field: string }[] } } }>().error;
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.details.fields.map((f) => f.field)).toEqual(['cursor']);
    }
  });

  it('refuses limit=0 and limit=1001, and accepts 1 and 1000', async () => {
    for (const limit of [0, 1001, -1]) {
      const response = await get(auditor, `?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { parameter: 'limit' } } });
    }
    expect((await page(auditor, '?limit=1')).data).toHaveLength(1);
    expect((await page(auditor, '?limit=1000')).pagination.has_more).toBe(false);
  });
});

describe('audit entries carry no secrets, contact details or health values', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('after a register, login, refresh, profile update, reset request and logout flow', async () => {
    t = await createTestApp();
    const email = `scan-${Date.now().toString(36)}@example.test`;
    const password = 'Quiet-Harbour-Lantern-7193';
    const wrongPassword = 'Loud-Harbour-Lantern-7193';
    const health = { weight_kg: 73.45, height_cm: 181.25 };
    const phone = '+442079460183';
    const post = (url: string, payload: object, token?: string) =>
      t.app.inject({ method: 'POST', url, payload, headers: token ? bearer(token) : {} });

    expect((await post('/v1/auth/register', { email, password, first_name: 'Wilhelmina', phone })).statusCode).toBe(201);
    expect((await post('/v1/auth/login', { email, password: wrongPassword })).statusCode).toBe(401);
    expect((await post('/v1/auth/login', { email: 'nobody-known@example.test', password: wrongPassword })).statusCode).toBe(401);
    const login = await post('/v1/auth/login', { email, password });
    const tokens = login.json<{ access_token: string; refresh_token: string }>();
    const refreshed = (await post('/v1/auth/refresh', { refresh_token: tokens.refresh_token })).json<{
      access_token: string;
      refresh_token: string;
    }>();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: bearer(refreshed.access_token),
      payload: { ...health, blood_type: 'AB-', emergency_contact: { name: 'Theodora', phone: '+442079460999' } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(refreshed.access_token) })).json()).toMatchObject(
      health,
    );
    expect((await post('/api/v1/auth/login', { email, password })).statusCode).toBe(200);
    expect((await post('/api/v1/auth/forgot-password', { email })).statusCode).toBe(200);
    expect((await post('/v1/auth/logout', { refresh_token: refreshed.refresh_token }, refreshed.access_token)).statusCode).toBe(204);

    const rows = await t.database.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'auth.register',
        'auth.login',
        'auth.refresh',
        'profile.update',
        'profile.read',
        'auth.password_reset_request',
        'auth.logout',
      ]),
    );
    const outbox = await t.database.db.selectFrom('outbox').select('body').execute();
    const mailedCodes = outbox.flatMap((m) => m.body.match(/\b\d{6}\b/g) ?? []);
    expect(mailedCodes.length).toBeGreaterThan(0);
    // Long values are looked for everywhere; short ones (which a random id or hex hash could contain by
    // chance) in every field that is not a generated id or hash.
    const everything = JSON.stringify(rows);
    const described = JSON.stringify(
      rows.map(({ id: _id, hash: _h, prev_hash: _p, request_id: _r, actor_id: _a, subject_user_id: _s, resource_id: _i, ...rest }) => rest),
    );
    const long = [
      email,
      email.split('@')[0],
      'nobody-known',
      password,
      wrongPassword,
      phone,
      '+442079460999',
      'Wilhelmina',
      'Theodora',
      tokens.access_token,
      tokens.refresh_token,
      refreshed.access_token,
      refreshed.refresh_token,
    ];
    const short = ['73.45', '181.25', 'AB-', ...mailedCodes];
    expect(long.filter((value) => value && everything.includes(value))).toEqual([]);
    expect(short.filter((value) => described.includes(value))).toEqual([]);
    expect(await t.app.services.audit.verify()).toMatchObject({ ok: true, checked: rows.length });
  });
});
