import { AppError } from '../../../platform/http/app-error.js';
import { dataTypesIn, type ScreeningInput } from '../screening-input.js';
import { consentStatus, type ConsentRecord } from './consent.repository.js';

/**
 * The spec's consent rule: `consent_verified` must be true. When the registry holds a record for the id, it must also
 * be in force (not expired, not revoked) and cover every kind of data in the request. No record: the caller's
 * attestation stands, as in the spec.
 */
export function checkConsent(input: ScreeningInput, record: ConsentRecord | null, now: Date): void {
  const requested = dataTypesIn(input);
  const base = { anonymized_id: input.anonymized_id, data_types_requested: requested };
  if (!input.consent_verified) {
    throw new AppError('consent', 'Consent verification failed: consent_verified must be true', {
      details: { ...base, consent_status: 'not_verified' },
    });
  }
  if (!record) return;
  const status = consentStatus(record, now);
  if (status === 'expired') {
    throw new AppError('consent', 'Consent verification failed: Consent expired', {
      details: { ...base, consent_status: 'expired', expired_at: record.expiresAt },
    });
  }
  if (status === 'revoked') {
    throw new AppError('consent', 'Consent verification failed: Consent revoked', {
      details: { ...base, consent_status: 'revoked', revoked_at: record.revokedAt },
    });
  }
  const missing = requested.filter((type) => !record.dataTypes.includes(type));
  if (missing.length > 0) {
    throw new AppError('consent', `Consent verification failed: Consent does not cover ${missing.join(', ')} data`, {
      details: { ...base, consent_status: 'insufficient_scope', data_types_granted: record.dataTypes, data_types_missing: missing },
    });
  }
}
