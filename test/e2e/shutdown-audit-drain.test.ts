import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../../src/main.js';
import { SqlAuditLog } from '../../src/platform/audit/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { TEST_SECRET } from '../helpers/test-config.js';
import { SPEC_EXAMPLE } from '../http/mhras-helpers.js';

/** More than one append batch (256 entries each), so the drain spans several transactions while the app closes. */
const ENTRIES = 700;
const SCREENINGS = 300;
const { timestamp: _timestamp, ...SCREENING } = SPEC_EXAMPLE;

describe('shutdown with audit entries and screenings still queued', () => {
  const dirs: string[] = [];
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));

  afterEach(() => {
    // serve() installs signal handlers; drop the ones this suite added.
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('commits every queued audit entry and screening before the database closes, and refuses new ones after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homeostat-audit-drain-'));
    dirs.push(dir);
    const databaseUrl = `sqlite:${join(dir, 'app.db')}`;
    const app = await serve({
      ENVIRONMENT: 'testing',
      SECRET_KEY: TEST_SECRET,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const queued = Array.from({ length: ENTRIES }, (_, i) =>
      app.services.audit.record({ action: 'test.shutdown_drain', outcome: 'success', details: { i } }),
    );
    // Screenings are stored by group commit too (batches of 128): several batches still queued at close.
    const screenings = Array.from({ length: SCREENINGS }, (_, i) =>
      app.services.screening.service.screen({ ...SCREENING, anonymized_id: `drain-${i}` }, 'usr_shutdown_test'),
    );
    const settled = Promise.allSettled([...queued, ...screenings]);
    await app.close();

    const failures = (await settled).filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    await expect(app.services.audit.record({ action: 'test.after_close', outcome: 'success' })).rejects.toThrow(/audit log is closed/);
    await expect(app.services.screening.service.screen({ ...SCREENING, anonymized_id: 'late' }, 'usr_x')).rejects.toThrow(/closed/);

    const reopened = openDatabase({ databaseUrl, dataDir: dir });
    try {
      const row = await reopened.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'test.shutdown_drain')
        .executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(ENTRIES);
      const stored = await reopened.db
        .selectFrom('screening_predictions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(SCREENINGS);
      const verified = await new SqlAuditLog(reopened, systemClock).verify();
      expect(verified.ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
