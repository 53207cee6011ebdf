import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { consentStatus, type ConsentRecord } from '../../domain/screening/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditScreening, MHRAS_ROLES } from './screening-audit.js';
import { AnonymizedId, DataTypes } from './screening.schemas.js';

const Consent = Type.Object({
  consent_id: Type.String(),
  anonymized_id: Type.String(),
  data_types: Type.Array(Type.String()),
  consent_status: Type.Enum(['active', 'expired', 'revoked']),
  granted_at: Type.String({ format: 'date-time' }),
  expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const GrantBody = Type.Object(
  {
    anonymized_id: AnonymizedId,
    data_types: DataTypes,
    expires_at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    granted_at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ anonymized_id: AnonymizedId });

/** The consent registry: what each anonymized person agreed to (survey, wearable, EMR), until when, and revocation. */
export const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screening, clock } = app.services;
  const view = (record: ConsentRecord) => ({
    consent_id: record.id,
    anonymized_id: record.anonymizedId,
    data_types: record.dataTypes,
    consent_status: consentStatus(record, clock.now()),
    granted_at: record.grantedAt,
    expires_at: record.expiresAt,
    revoked_at: record.revokedAt,
  });
  const noConsent = (id: string) =>
    new AppError('not_found', `No consent recorded for ${id}`, { details: { anonymized_id: id, resource_type: 'consent' } });

  app.post(
    '/consents',
    {
      schema: { summary: 'Record consent (replaces the one in force)', body: GrantBody, response: { 201: Consent } },
      config: { auth: { roles: MHRAS_ROLES.screen } },
    },
    async (request, reply) => {
      const now = clock.now();
      const { anonymized_id, data_types, expires_at, granted_at } = request.body;
      if (expires_at && Date.parse(expires_at) <= now.getTime()) {
        throw new AppError('validation', 'Consent validation failed', {
          fields: [{ field: 'expires_at', message: 'must be in the future', code: 'value_error', input: expires_at }],
        });
      }
      const record = await screening.service.consents.grant(
        {
          anonymizedId: anonymized_id,
          dataTypes: data_types,
          grantedAt: new Date(granted_at ?? now).toISOString(),
          expiresAt: expires_at ? new Date(expires_at).toISOString() : null,
          recordedBy: principalOf(request).userId,
        },
        now,
      );
      await auditScreening(
        request,
        'screening.consent.grant',
        { type: 'screening_consent', id: record.id },
        { anonymized_id, data_types: data_types.join(',') },
      );
      return reply.code(201).send(view(record));
    },
  );

  app.get(
    '/consents/:anonymized_id',
    {
      schema: { summary: 'The consent in force for an anonymized id', params: Params, response: { 200: Consent } },
      config: { auth: { roles: MHRAS_ROLES.read } },
    },
    async (request) => {
      const record = await screening.service.consents.current(request.params.anonymized_id);
      if (!record) throw noConsent(request.params.anonymized_id);
      await auditScreening(
        request,
        'screening.consent.read',
        { type: 'screening_consent', id: record.id },
        { anonymized_id: record.anonymizedId },
      );
      return view(record);
    },
  );

  app.delete(
    '/consents/:anonymized_id',
    {
      schema: { summary: 'Revoke the consent in force', params: Params, response: { 200: Consent } },
      config: { auth: { roles: MHRAS_ROLES.screen } },
    },
    async (request) => {
      const record = await screening.service.consents.revoke(request.params.anonymized_id, clock.now());
      if (!record) throw noConsent(request.params.anonymized_id);
      await auditScreening(
        request,
        'screening.consent.revoke',
        { type: 'screening_consent', id: record.id },
        { anonymized_id: record.anonymizedId },
      );
      return view(record);
    },
  );
};
