import type { Database } from '../../platform/db/index.js';

/**
 * Health checks must answer within 100 ms: a database that does not answer in time counts as unreachable.
 * The default budget leaves room for the rest of the request under load.
 */
export async function probeDatabase(database: Database, timeoutMs = 60): Promise<{ reachable: boolean; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const reachable = await Promise.race([
    database.ping().then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return { reachable, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
}
