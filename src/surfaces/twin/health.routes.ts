import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  activityDay,
  dateWindow,
  dayWindow,
  planManualEntry,
  recordManualEntry,
  SLEEP_MAX_DAYS,
  sleepReport,
  sourcePriorityOf,
  VITALS_MAX_DAYS,
  vitalsCursorFrom,
  vitalsCursorPosition,
  vitalsSeries,
  isoInstant,
} from '../../domain/observations/queries/index.js';
import { CursorCodec } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { deriveKey } from '../../platform/keys.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { subjectOf } from './subject.js';
import {
  ActivityQuery,
  ActivityResponse,
  ManualEntryBody,
  ManualEntryResponse,
  SleepQuery,
  SleepResponse,
  VitalsQuery,
  VitalsResponse,
} from './health.schemas.js';
import { activityView, sleepView, vitalsView } from './health.views.js';

/**
 * Twin `/v1/health/*` (spec §3): vitals, sleep, activity and manual entries. Reads are the caller's own data unless
 * `user_id` names someone they may access (requireAccessToPerson: admins); every read and write is audited, with
 * counts and filter names only, never values or notes.
 */
export const twinHealthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { observations, clock, config, database } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));


  app.get(
    '/vitals',
    {
      schema: {
        summary: 'Vital signs over a date window: raw samples, hourly or daily means',
        querystring: VitalsQuery,
        response: { 200: VitalsResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const metric = q.metric ?? 'all';
      const granularity = q.granularity ?? 'hourly';
      const window = dateWindow(q.start_date, q.end_date, VITALS_MAX_DAYS[granularity], `granularity=${granularity}`);
      const person = await subjectOf(request, q.user_id);
      // A cursor is bound to the person and every filter: replaying it against another query is refused.
      const scope = `health.vitals:${person.id}:${metric}:${granularity}:${window.startDate}:${window.endDate}`;
      const after = q.cursor ? vitalsCursorFrom(cursors.decode(scope, q.cursor)) : null;
      const series = await vitalsSeries(observations.reader, {
        personId: person.id,
        metric,
        granularity,
        window,
        limit: q.limit,
        after,
        nowMs: clock.now().getTime(),
      });
      await auditHealthAccess(
        request,
        'health.vitals.read',
        person.id,
        { type: 'vitals' },
        {
          metric,
          granularity,
          start_date: window.startDate,
          end_date: window.endDate,
          returned: series.points.length,
          page: q.cursor ? 'next' : 'first',
        },
      );
      const next = series.next ? cursors.encode(scope, vitalsCursorPosition(series.next)) : null;
      return vitalsView(person.id, metric, granularity, window, series, next);
    },
  );

  app.get(
    '/sleep',
    {
      schema: {
        summary: 'Sleep sessions dated by wake-up date, with quality, restlessness and sleep debt',
        querystring: SleepQuery,
        response: { 200: SleepResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const window = dateWindow(q.start_date, q.end_date, SLEEP_MAX_DAYS, 'sleep');
      const person = await subjectOf(request, q.user_id);
      const report = await sleepReport(observations.reader, {
        personId: person.id,
        window,
        dateOfBirth: person.dateOfBirth,
        priority: await sourcePriorityOf(database.db, person.id),
      });
      await auditHealthAccess(
        request,
        'health.sleep.read',
        person.id,
        { type: 'sleep' },
        {
          start_date: window.startDate,
          end_date: window.endDate,
          returned: report.sessions.length,
        },
      );
      return sleepView(person.id, window, report);
    },
  );

  app.get(
    '/activity',
    {
      schema: {
        summary: "One local day's steps, distance, energy, active minutes and workouts",
        querystring: ActivityQuery,
        response: { 200: ActivityResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const day = dayWindow(q.date);
      const person = await subjectOf(request, q.user_id);
      const result = await activityDay(observations.reader, {
        personId: person.id,
        day,
        dateOfBirth: person.dateOfBirth,
        priority: await sourcePriorityOf(database.db, person.id),
      });
      await auditHealthAccess(
        request,
        'health.activity.read',
        person.id,
        { type: 'activity' },
        {
          date: day.startDate,
          exercise_sessions: result.exerciseSessions.length,
        },
      );
      return activityView(person.id, result);
    },
  );

  app.post(
    '/manual',
    {
      schema: {
        summary: 'Record a measurement taken by hand (blood pressure, weight, glucose, …)',
        body: ManualEntryBody,
        response: { 201: ManualEntryResponse },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const plan = planManualEntry({ ...body, values: body.values as Record<string, unknown> }, clock.now().getTime());
      const result = await recordManualEntry(observations, principal.userId, plan, newId('rec'));
      await observations.changes.notify(principal.userId);
      await auditHealthAccess(
        request,
        'health.manual.create',
        principal.userId,
        { type: 'manual_entry', id: result.recordId },
        {
          metric_type: plan.metricType,
          status: result.status,
          samples: plan.samples.length,
        },
      );
      return reply
        .code(201)
        .send({ record_id: result.recordId, metric_type: plan.metricType, timestamp: isoInstant(plan.instantMs), status: result.status });
    },
  );
};
