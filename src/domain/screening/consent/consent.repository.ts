import type { Kysely } from 'kysely';
import { preparedQuery } from '../../../platform/db/prepared-query.js';
import type { ScreeningConsentsTable, Tables } from '../../../platform/db/tables.js';
import { newId } from '../../../platform/ids.js';
import type { DataType } from '../screening-input.js';

export type ConsentStatus = 'active' | 'expired' | 'revoked';

export interface ConsentRecord {
  id: string;
  anonymizedId: string;
  dataTypes: DataType[];
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  recordedBy: string | null;
}

export const consentStatus = (record: ConsentRecord, now: Date): ConsentStatus => {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
};

const toRecord = (row: ScreeningConsentsTable): ConsentRecord => ({
  id: row.id,
  anonymizedId: row.anonymized_id,
  dataTypes: JSON.parse(row.data_types) as DataType[],
  grantedAt: row.granted_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  recordedBy: row.recorded_by,
});

/** Consent per anonymized id: the newest record is the one in force (a new grant replaces the old one). */
export class ConsentRepository {
  /** Read on every /screen: compiled once. */
  private readonly currentQuery;

  constructor(private readonly db: Kysely<Tables>) {
    this.currentQuery = preparedQuery<{ anonymizedId: string }, ScreeningConsentsTable>(db, (param) =>
      db
        .selectFrom('screening_consents')
        .selectAll()
        .where('anonymized_id', '=', param('anonymizedId'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
  }

  async current(anonymizedId: string): Promise<ConsentRecord | null> {
    const [row] = await this.currentQuery({ anonymizedId });
    return row ? toRecord(row) : null;
  }

  async grant(
    grant: { anonymizedId: string; dataTypes: DataType[]; grantedAt: string; expiresAt: string | null; recordedBy: string },
    now: Date,
  ): Promise<ConsentRecord> {
    const row: ScreeningConsentsTable = {
      id: newId('cns'),
      anonymized_id: grant.anonymizedId,
      data_types: JSON.stringify([...new Set(grant.dataTypes)]),
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
      revoked_at: null,
      recorded_by: grant.recordedBy,
      created_at: now.toISOString(),
    };
    await this.db.insertInto('screening_consents').values(row).execute();
    return toRecord(row);
  }

  /** Revokes the record in force; null when there is none. */
  async revoke(anonymizedId: string, now: Date): Promise<ConsentRecord | null> {
    const record = await this.current(anonymizedId);
    if (!record) return null;
    if (record.revokedAt !== null) return record;
    const revokedAt = now.toISOString();
    await this.db.updateTable('screening_consents').set({ revoked_at: revokedAt }).where('id', '=', record.id).execute();
    return { ...record, revokedAt };
  }
}
