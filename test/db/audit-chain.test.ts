import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { SqlAuditLog, type AuditEvent } from '../../src/platform/audit/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Database } from '../../src/platform/db/index.js';
import { dialects, useDatabase } from '../helpers/test-database.js';

const event = (i: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  action: 'profile.read',
  outcome: 'success',
  actorId: `usr_${i % 3}`,
  actorRole: 'patient',
  subjectUserId: `usr_${i % 3}`,
  resourceType: 'profile',
  requestId: `req_${i}`,
  details: { i },
  ...extra,
});

async function recordMany(log: SqlAuditLog, n: number, clock?: ManualClock): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await log.record(event(i));
    clock?.advance(1000);
  }
}

const seqs = async (database: Database): Promise<number[]> =>
  (await database.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));

describe.each(dialects())('audit hash chain on $label', (dialect) => {
  const database = useDatabase(dialect);
  const clock = new ManualClock(new Date('2024-05-01T12:00:00.000Z'));
  const log = () => new SqlAuditLog(database.current, clock);
  /** Spies on what opens one append transaction: the raw SQLite path (prepared statements) or Kysely's. */
  const spyOnAppendTransactions = () => {
    const current = database.current;
    return current.exclusiveSqlite
      ? vi.spyOn(current as Database & Required<Pick<Database, 'exclusiveSqlite'>>, 'exclusiveSqlite')
      : vi.spyOn(current.db, 'transaction');
  };

  it('an empty log verifies', async () => {
    expect(await log().verify()).toEqual({ ok: true, checked: 0, scanned: 0, problems: [] });
  });

  it('records entries that each link to the previous one, and verifies them', async () => {
    await recordMany(log(), 12, clock);
    const rows = await database.current.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(rows[4]).toMatchObject({ action: 'profile.read', actor_id: 'usr_2', request_id: 'req_5', details: '{"i":5}' });
    const head = await database.current.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 12, hash: rows[11]?.hash });
    expect(await log().verify({ pageSize: 5 })).toEqual({ ok: true, checked: 12, scanned: 12, problems: [] });
  });

  it('names a middle entry whose field was changed with SQL', async () => {
    await recordMany(log(), 10, clock);
    await database.current.db.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 5).execute();
    const result = await log().verify({ pageSize: 3 });
    const altered = await database.current.db.selectFrom('audit_log').select('id').where('seq', '=', 5).executeTakeFirstOrThrow();
    expect(result).toMatchObject({ ok: false, brokenAt: 5, checked: 4, scanned: 10 });
    expect(result.problems).toEqual([
      { kind: 'altered', seq: 5, id: altered.id, message: expect.stringContaining(`entry 5 (${altered.id}) was altered`) as string },
    ]);
  });

  it('reports every altered entry, not just the first', async () => {
    await recordMany(log(), 8, clock);
    await sql`update audit_log set details = ${'{"i":99}'} where seq in (2, 7)`.execute(database.current.db);
    const result = await log().verify();
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['altered', 2],
      ['altered', 7],
    ]);
  });

  it('catches an entry rewritten with a recomputed hash, at the link to it', async () => {
    await recordMany(log(), 6, clock);
    await database.current.db
      .updateTable('audit_log')
      .set({ hash: 'f'.repeat(64), prev_hash: 'f'.repeat(64) })
      .where('seq', '=', 3)
      .execute();
    const result = await log().verify();
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(3);
    expect(result.problems.map((p) => p.kind)).toContain('unlinked');
  });

  it('detects a deleted middle entry as a gap', async () => {
    await recordMany(log(), 10, clock);
    await database.current.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const result = await log().verify({ pageSize: 4 });
    expect(result).toMatchObject({ ok: false, brokenAt: 6, checked: 5, scanned: 9, problem: 'entry 6 is missing (deleted)' });
    expect(result.problems).toHaveLength(1);
  });

  it('detects a deleted run of entries', async () => {
    await recordMany(log(), 10, clock);
    await database.current.db.deleteFrom('audit_log').where('seq', '>=', 3).where('seq', '<=', 5).execute();
    expect(await log().verify()).toMatchObject({ ok: false, brokenAt: 3, problem: 'entries 3–5 are missing (deleted)' });
  });

  it('detects the last entries deleted, through audit_head', async () => {
    await recordMany(log(), 10, clock);
    await database.current.db.deleteFrom('audit_log').where('seq', '>', 7).execute();
    const result = await log().verify();
    expect(result).toMatchObject({
      ok: false,
      brokenAt: 8,
      checked: 7,
      problem: 'entries 8–10 were removed from the end of the log (the head is at 10)',
    });
  });

  it('detects the whole log deleted', async () => {
    await recordMany(log(), 3, clock);
    await database.current.db.deleteFrom('audit_log').execute();
    expect(await log().verify()).toMatchObject({ ok: false, brokenAt: 1, problems: [{ kind: 'truncated' }] });
  });

  it('detects a row inserted behind the log’s back, and a missing head row', async () => {
    await recordMany(log(), 3, clock);
    const last = await database.current.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await database.current.db
      .insertInto('audit_log')
      .values({ ...last, seq: 4, id: 'aud_forged' })
      .execute();
    expect((await log().verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['appended', 4]]);

    await database.current.db.deleteFrom('audit_head').execute();
    const result = await log().verify();
    expect(result.problems[0]).toMatchObject({ kind: 'head_missing' });
    await expect(log().record(event(9))).rejects.toThrow(/audit_head row is missing/);
  });

  it('appends in order under concurrency: 50 records at once, gapless and valid', async () => {
    const logs = [log(), log()];
    await Promise.all(Array.from({ length: 50 }, (_, i) => logs[i % 2]!.record(event(i))));
    expect(await seqs(database.current)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const requestIds = (await database.current.db.selectFrom('audit_log').select('request_id').execute()).map((r) => r.request_id);
    expect(new Set(requestIds).size).toBe(50);
    expect(await log().verify()).toMatchObject({ ok: true, checked: 50 });
  });

  it('group-commits concurrent records: fewer transactions than entries, each promise settles after its commit', async () => {
    const shared = log();
    const transaction = spyOnAppendTransactions();
    const committed: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        shared.record(event(i, { requestId: `req_batch_${i}` })).then(async () => {
          // When record() resolves, the entry must already be readable: the caller may rely on it.
          const row = await database.current.db.selectFrom('audit_log').select('seq').where('request_id', '=', `req_batch_${i}`).executeTakeFirst();
          committed.push(row ? 1 : 0);
        }),
      ),
    );
    expect(committed).toEqual(Array(40).fill(1));
    expect(transaction.mock.calls.length).toBeGreaterThan(0);
    expect(transaction.mock.calls.length).toBeLessThan(40);
    // Arrival order is chain order.
    const order = (await database.current.db.selectFrom('audit_log').select('request_id').orderBy('seq').execute()).map((r) => r.request_id);
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => `req_batch_${i}`));
    expect(await log().verify()).toMatchObject({ ok: true, checked: 40 });
    transaction.mockRestore();
  });

  it('a failed append rejects the callers of that batch and leaves the log appendable and valid', async () => {
    const shared = log();
    await shared.record(event(1));
    const failing = spyOnAppendTransactions().mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    await expect(shared.record(event(2))).rejects.toThrow('disk full');
    failing.mockRestore();
    await shared.record(event(3));
    expect(await seqs(database.current)).toEqual([1, 2]);
    expect(await log().verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it.runIf(dialect.name === 'postgres')(
    'PostgreSQL only: keeps a valid chain with appenders on two separate connection pools',
    async () => {
      const other = database.current.connectAgain?.();
      if (!other) throw new Error('postgres test database must support connectAgain');
      try {
        const a = new SqlAuditLog(database.current, clock);
        const b = new SqlAuditLog(other, clock);
        await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).record(event(i))));
        expect(await seqs(database.current)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        expect(await new SqlAuditLog(other, clock).verify()).toMatchObject({ ok: true, checked: 60 });
      } finally {
        await other.close();
      }
    },
  );

  it('verifies while appends continue without reporting them as tampering', async () => {
    await recordMany(log(), 20);
    const writer = log();
    const [result] = await Promise.all([
      log().verify({ pageSize: 2 }),
      Promise.all(Array.from({ length: 20 }, (_, i) => writer.record(event(i)))),
    ]);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(20);
    expect(await log().verify()).toMatchObject({ ok: true, checked: 40 });
  });
});
