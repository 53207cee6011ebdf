import type { Database } from '../db/database.js';
import { entryHash, GENESIS_HASH } from './hash-chain.js';

export type ChainProblemKind = 'missing' | 'altered' | 'unlinked' | 'truncated' | 'appended' | 'head_missing';

/** One place where the chain does not hold. `seq` is the entry concerned (the first one, for a range). */
export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number;
  /** The entry's id, when the entry exists. */
  id: string | null;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Entries verified intact before the first problem (all of them when `ok`). */
  checked: number;
  /** Entries read in all. */
  scanned: number;
  /** The first broken entry and what is wrong with it (the same as `problems[0]`). */
  brokenAt?: number;
  problem?: string;
  /** Every problem found, in chain order (at most `maxProblems`). */
  problems: ChainProblem[];
}

export interface VerifyOptions {
  pageSize?: number;
  maxProblems?: number;
}

/**
 * Walks the chain once, in pages, and reports every break: an edited entry (its fields no longer match its
 * hash), a removed entry (a gap in `seq`), a relinked entry (its `prev_hash` is not the previous entry's hash),
 * a truncated tail or a replaced last entry (checked against `audit_head`) and rows added behind the log's back.
 *
 * Safe against live writers: the walk stops at the head read when it starts, so entries appended meanwhile
 * are neither checked nor mistaken for tampering. Memory use is one page.
 */
export async function verifyChain(database: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { db } = database;
  const pageSize = options.pageSize ?? 2000;
  const maxProblems = options.maxProblems ?? 100;
  const problems: ChainProblem[] = [];
  const report = (problem: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(problem);
  };

  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head)
    report({ kind: 'head_missing', seq: 0, id: null, message: 'the audit_head row is missing, so a truncated tail cannot be ruled out' });
  const ceiling = head ? Number(head.seq) : Number.MAX_SAFE_INTEGER;

  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let checked = 0;
  let scanned = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', lastSeq)
      .where('seq', '<=', ceiling)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== lastSeq + 1) {
        const range = seq - 1 === lastSeq + 1 ? `entry ${lastSeq + 1} is` : `entries ${lastSeq + 1}–${seq - 1} are`;
        report({ kind: 'missing', seq: lastSeq + 1, id: null, message: `${range} missing (deleted)` });
      }
      if (entryHash(row.prev_hash, { ...row, seq }) !== row.hash) {
        report({ kind: 'altered', seq, id: row.id, message: `entry ${seq} (${row.id}) was altered: its contents do not match its hash` });
      } else if (seq === lastSeq + 1 && row.prev_hash !== lastHash) {
        report({
          kind: 'unlinked',
          seq,
          id: row.id,
          message: `entry ${seq} (${row.id}) does not link to entry ${lastSeq}: one of them was altered`,
        });
      }
      scanned += 1;
      if (problems.length === 0) checked += 1;
      lastSeq = seq;
      lastHash = row.hash;
    }
    if (rows.length < pageSize) break;
  }

  if (head) {
    if (lastSeq < ceiling) {
      const range = lastSeq + 1 === ceiling ? `entry ${ceiling} was` : `entries ${lastSeq + 1}–${ceiling} were`;
      report({
        kind: 'truncated',
        seq: lastSeq + 1,
        id: null,
        message: `${range} removed from the end of the log (the head is at ${ceiling})`,
      });
    } else if (ceiling > 0 && lastHash !== head.hash) {
      report({
        kind: 'altered',
        seq: ceiling,
        id: null,
        message: `entry ${ceiling} was replaced: its hash is not the one the head recorded`,
      });
    }
    // Rows past the head were not written through the log (or the head was moved back). Read the newest
    // row first and the head second: an append committing in between then makes the head look further
    // ahead, never behind, so live writers cause no false alarm.
    const newest = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const headNow = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
    const newestSeq = Number(newest?.seq ?? 0);
    if (headNow && newestSeq > Number(headNow.seq)) {
      report({
        kind: 'appended',
        seq: Number(headNow.seq) + 1,
        id: null,
        message: `entries after ${headNow.seq} (up to ${newestSeq}) are not covered by the head: added outside the audit log, or the head was moved back`,
      });
    }
  }

  const first = problems[0];
  return first
    ? { ok: false, checked, scanned, brokenAt: first.seq, problem: first.message, problems }
    : { ok: true, checked, scanned, problems };
}
