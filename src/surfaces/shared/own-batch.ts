import { requireAccessToPerson, type Principal } from '../../domain/identity/index.js';
import type { IngestBatch } from '../../domain/observations/index.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * The caller's own upload or import (or one they may access). Anyone else's is answered exactly like one that does
 * not exist, so ids cannot be probed.
 */
export function ownBatch(principal: Principal, batch: IngestBatch | null, kinds: readonly string[], noun: string): IngestBatch {
  if (batch && kinds.includes(batch.kind)) {
    try {
      requireAccessToPerson(principal, batch.personId);
      return batch;
    } catch {
      // fall through to not found
    }
  }
  throw new AppError('not_found', `No such ${noun}`);
}
