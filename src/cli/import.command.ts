import { resolve } from 'node:path';
import { AppleHealthImports, type ImportProgress } from '../domain/ingest/apple-health-import/index.js';
import { UserRepository } from '../domain/identity/index.js';
import { ObservationStore } from '../domain/observations/index.js';
import { systemClock } from '../platform/clock.js';
import { JobQueue } from '../platform/jobs/index.js';
import { auditCli, EXIT, fail, findUser, withDatabase, type CliIo, type Env } from './context.js';

/** A progress line: a bar on a terminal, a line every few seconds otherwise (logs, CI). */
function progressPrinter(io: CliIo, interactive: boolean): (p: ImportProgress) => void {
  const started = Date.now();
  let lastPrinted = 0;
  return (p) => {
    const now = Date.now();
    if (!interactive && now - lastPrinted < 5000) return;
    lastPrinted = now;
    const fraction = p.xmlBytesTotal ? Math.min(1, p.xmlBytesDone / p.xmlBytesTotal) : 0;
    const rate = p.xmlBytesDone / 1e6 / Math.max(0.001, (now - started) / 1000);
    const bar = '#'.repeat(Math.round(fraction * 30)).padEnd(30, '.');
    const line = `[${bar}] ${(fraction * 100).toFixed(1)}%  ${rate.toFixed(1)} MB/s  ${p.samplesDone.toLocaleString('en')} samples`;
    if (interactive) process.stderr.write(`\r${line}`);
    else io.err(line);
  };
}

/** `homeostat import <file> --user <email|id>`: imports an export in this process; run it again to resume. */
export async function importCommand(env: Env, file: string | undefined, o: { user?: string }, io: CliIo): Promise<number> {
  if (!file || !o.user) return fail(io, 'usage: homeostat import <export.zip|export.xml> --user <email|id>');
  const filePath = resolve(file);
  return withDatabase(env, async (database, config) => {
    const user = await findUser(new UserRepository(database.db), o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    const store = new ObservationStore(database, systemClock);
    const imports = new AppleHealthImports(database.db, store, new JobQueue(database.db, systemClock), config.DATA_DIR);
    const resumed = await imports.unfinished(user.id, filePath);
    const batch = resumed ?? (await imports.fromLocalFile(user.id, filePath));
    if (resumed) io.err(`resuming import ${batch.id} after ${batch.processedItems.toLocaleString('en')} samples`);
    await auditCli(database, 'health.import.create', user.id, { import_id: batch.id });
    await imports.run({ batchId: batch.id, ownsFile: false }, progressPrinter(io, process.stderr.isTTY === true));
    if (process.stderr.isTTY) process.stderr.write('\n');
    const done = (await store.batches.get(batch.id))!;
    const summary = `${done.stored.toLocaleString('en')} stored, ${done.duplicates.toLocaleString('en')} duplicates skipped, ${done.failedItems} records refused`;
    if (done.state !== 'completed') {
      io.err(`import ${done.id} failed: ${done.errors[0]?.message ?? 'unknown error'}`);
      return EXIT.failure;
    }
    io.out(`import ${done.id} completed: ${summary}`);
    return EXIT.ok;
  });
}
