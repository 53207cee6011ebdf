/**
 * The write side of an Apple Health import into a SQLite file, in a worker thread with a connection of its own (WAL
 * lets the server's connection read meanwhile): batch inserts, checkpoints and the final rollups never hold the event
 * loop. Batches come straight from the parse worker over a channel; progress and the outcome go to the main thread.
 */
import SQLite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ObservationWriter } from '../../observations/store/observation-writer.js';
import { inSqliteTransaction, sqliteObservationTx } from '../../observations/store/sqlite-observation-tx.js';
import { BatchConsumer } from './batch-consumer.js';
import { optimisticSqliteTransaction } from './optimistic-transaction.js';
import { ackOf, type WorkerMessage, type WriteWorkerInput, type WriterEvent } from './worker-protocol.js';

const input = workerData as WriteWorkerInput;
const parent = parentPort!;

// The server's own connection settings (platform/db): the same file, the same durability, waits for its lock.
const db = new SQLite(input.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const now = () => new Date().toISOString();
const writer = new ObservationWriter((work) => inSqliteTransaction(db, () => work(sqliteObservationTx(db, now))), now);
// Rollup windows read and merge their rows before taking the write lock (see optimistic-transaction.ts).
const rollupWriter = new ObservationWriter((work) => optimisticSqliteTransaction(db, () => work(sqliteObservationTx(db, now))), now);
const consumer = new BatchConsumer(
  writer,
  input,
  (event: WriterEvent) => parent.postMessage(event),
  (rows) => input.input.postMessage(...ackOf(rows)),
  rollupWriter,
);
function close(): void {
  input.input.close();
  if (db.open) db.close();
}

input.input.on('message', (message: WorkerMessage) => {
  consumer.handle(message).then(
    () => {
      if (message.type === 'done' || message.type === 'failed') close();
    },
    (error: unknown) => {
      // A fault of the database, not of the document: the main thread fails the import and removes its rows.
      close();
      throw error;
    },
  );
});
