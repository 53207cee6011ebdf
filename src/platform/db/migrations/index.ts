import type { Migration } from 'kysely';
import { identityAndAudit } from './0001-identity-and-audit.js';
import { auditQueryIndexes } from './0002-audit-query-indexes.js';
import { observations } from './0003-observations.js';
import { twinScores } from './0005-twin-scores.js';

/** Ordered by name; never edit a shipped migration, add the next one. */
export const migrations: Record<string, Migration> = {
  '0001-identity-and-audit': identityAndAudit,
  '0002-audit-query-indexes': auditQueryIndexes,
  '0003-observations': observations,
  '0005-twin-scores': twinScores,
};
