/** The observation store: writer (dedup, tombstones, rollups) and reader over one database, either dialect. */
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/index.js';
import { IngestBatches } from './ingest-batches.js';
import { ObservationReader } from './observation-reader.js';
import { ObservationWriter } from './observation-writer.js';
import { PersonDataChanges } from './person-data-changes.js';
import type { WriteTransaction } from './observation-tx.js';
import { postgresObservationTx } from './postgres-observation-tx.js';
import { inSqliteTransaction, sqliteObservationTx } from './sqlite-observation-tx.js';

export class ObservationStore {
  readonly writer: ObservationWriter;
  readonly reader: ObservationReader;
  readonly batches: IngestBatches;
  /** Writers announce committed changes here; derived state (the twin) listens. */
  readonly changes: PersonDataChanges;

  constructor(
    private readonly database: Database,
    clock: Clock,
    onListenerError?: (error: unknown) => void,
  ) {
    this.changes = new PersonDataChanges(onListenerError);
    const now = () => clock.now().toISOString();
    this.writer = new ObservationWriter(writeTransaction(database, now), now);
    this.reader = new ObservationReader(database.db);
    this.batches = new IngestBatches(database.db, clock);
  }

  /** Erases every observation, source, rollup and batch of the person; returns counts per table. */
  async erasePerson(personId: string): Promise<Record<string, number>> {
    return this.database.db.transaction().execute(async (trx) => {
      const counted: Record<string, number> = {};
      for (const table of ['observations', 'observation_rollups', 'ingest_batches', 'observation_sources'] as const) {
        const result = await trx.deleteFrom(table).where('person_id', '=', personId).executeTakeFirst();
        counted[table] = Number(result.numDeletedRows);
      }
      return counted;
    });
  }
}

function writeTransaction(database: Database, now: () => string): WriteTransaction {
  const exclusive = database.exclusiveSqlite;
  if (database.dialect === 'sqlite' && exclusive) {
    return (work) => exclusive((connection) => inSqliteTransaction(connection, () => work(sqliteObservationTx(connection, now))));
  }
  return (work) => database.db.transaction().execute((trx) => work(postgresObservationTx(trx, now)));
}
