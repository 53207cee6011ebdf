/**
 * Clarity `/pat` analyses: the request is validated and turned into a minute series at once (bad input → 422, nothing
 * stored), then an `actigraphy_analyses` row and a job are written in one transaction and the caller gets the
 * processing id. The job runs the validated analyses, then PAT in its worker thread, publishing progress as it goes.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { ObservationStore, StoredObservation } from '../observations/index.js';
import { sourcePriorityOf } from '../observations/queries/index.js';
import { analyseSeries, type AnalysisOptions } from './analyses/analyse.js';
import { runPat } from './pat/pat-analysis.js';
import { PatRuntime } from './pat/pat-runtime.js';
import { InProcessAnalysisEvents, type AnalysisEvents } from './progress-events.js';
import { minuteSeriesFromActigraphy, type ActigraphyInput } from './series/actigraphy-input.js';
import { instantWithOffset, type MinuteSeries } from './series/minute-series.js';
import {
  minuteSeriesFromHealthKitBody,
  minuteSeriesFromMinuteCountsBody,
  stepRequestForm,
  type StepDataRequest,
} from './series/step-input.js';
import { minuteSeriesFromStore, parseStepWindow, readAllRows } from './series/stored-steps.js';
import { AnalysisStore, type AnalysisSource, type InputSummary, type StoredAnalysis } from './store/analysis-store.js';

const JOB_KIND = 'actigraphy.analyse';

interface AnalysisJob {
  readonly analysisId: string;
  readonly personId: string;
  readonly series: MinuteSeries;
  readonly options: AnalysisOptions;
  /** look up the person's recorded sleep stages over the window (step-derived series) */
  readonly recordedSleep: boolean;
}

export interface ActigraphyServiceOptions {
  readonly weightsDir?: string | undefined;
  readonly events?: AnalysisEvents;
}

export class ActigraphyService {
  readonly store: AnalysisStore;
  readonly events: AnalysisEvents;
  readonly pat: PatRuntime;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly observations: ObservationStore,
    private readonly jobs: JobQueue,
    clock: Clock,
    options: ActigraphyServiceOptions = {},
  ) {
    this.store = new AnalysisStore(db, clock);
    this.events = options.events ?? new InProcessAnalysisEvents();
    this.pat = new PatRuntime(options.weightsDir);
    jobs.register(JOB_KIND, 'default', (job) => this.process(job.payload as AnalysisJob));
  }

  /** `POST /pat/analyze`: direct actigraphy. Throws a 422 AppError naming the problem; nothing is stored then. */
  async submitActigraphy(personId: string, input: ActigraphyInput, options: AnalysisOptions): Promise<StoredAnalysis> {
    const series = minuteSeriesFromActigraphy(input);
    return this.enqueue(
      personId,
      'actigraphy',
      series,
      { form: 'actigraphy_input', sampling_rate: input.sampling_rate ?? 1 },
      options,
      false,
    );
  }

  /** `POST /pat/analyze-step-data`: steps sent in the request, or the person's stored steps over a window. */
  async submitStepData(personId: string, body: StepDataRequest, options: AnalysisOptions): Promise<StoredAnalysis> {
    const form = stepRequestForm(body);
    if (form === 'minute_counts')
      return this.enqueue(personId, 'step_data', minuteSeriesFromMinuteCountsBody(body), { form }, options, true);
    if (form === 'healthkit_samples') {
      return this.enqueue(
        personId,
        'step_data',
        minuteSeriesFromHealthKitBody(body),
        { form, samples: body.samples?.length ?? 0 },
        options,
        true,
      );
    }
    const window = parseStepWindow(body.window!);
    const priority = await sourcePriorityOf(this.db, personId);
    const stored = await minuteSeriesFromStore(this.observations.reader, personId, window, priority);
    return this.enqueue(personId, 'step_data', stored.series, { form, samples: stored.stepSamples }, options, true);
  }

  get(id: string): Promise<StoredAnalysis | null> {
    return this.store.get(id);
  }

  async close(): Promise<void> {
    await this.pat.close();
  }

  private async enqueue(
    personId: string,
    source: AnalysisSource,
    series: MinuteSeries,
    extra: Record<string, unknown>,
    options: AnalysisOptions,
    recordedSleep: boolean,
  ): Promise<StoredAnalysis> {
    const id = randomUUID();
    const inputSummary: InputSummary = {
      signal: series.signal,
      start: instantWithOffset(series, 0),
      end: instantWithOffset(series, series.values.length),
      minutes: series.values.length,
      utc_offset_minutes: series.utcOffsetMin,
      gap_minutes: series.gaps.reduce((a, [, length]) => a + length, 0),
      webster_rescoring: options.webster_rescoring ?? false,
      form: 'unknown',
      ...extra,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.store.create({ id, personId, source, inputSummary }, trx);
      await this.jobs.enqueue(JOB_KIND, { analysisId: id, personId, series, options, recordedSleep } satisfies AnalysisJob, {
        personId,
        db: trx,
      });
    });
    return (await this.store.get(id))!;
  }

  private async process(job: AnalysisJob): Promise<void> {
    const row = await this.store.get(job.analysisId);
    if (!row || row.state === 'completed') return; // erased meanwhile, or re-run after a crash past the commit
    const progress = async (value: number, stage: string) => {
      await this.store.progress(job.analysisId, 'processing', value);
      this.events.emit('analysis.progress', { personId: job.personId, processingId: job.analysisId, progress: value, stage });
    };
    try {
      await progress(0.05, 'started');
      const sleepRows = job.recordedSleep ? await this.recordedSleepRows(job.personId, job.series) : null;
      const validated = analyseSeries(job.series, job.options, sleepRows);
      await progress(0.5, 'validated_analyses');
      const pat = await runPat(this.pat, job.series);
      await progress(0.95, 'pat');
      const confidence = {
        ...validated.confidence_scores,
        analyses: {
          ...validated.confidence_scores.analyses,
          feature_embeddings:
            pat.summary.status === 'computed' ? { status: 'computed' } : { status: pat.summary.status, reason: pat.summary.reason },
        },
      };
      await this.store.complete(
        job.analysisId,
        { ...validated, confidence_scores: confidence, ...(pat.embedding ? { feature_embeddings: pat.embedding } : {}), pat: pat.summary },
        pat.attention,
      );
      this.events.emit('analysis.completed', { personId: job.personId, processingId: job.analysisId, status: 'completed' });
    } catch (error) {
      await this.store.fail(job.analysisId, error instanceof Error ? error.message : String(error));
      this.events.emit('analysis.completed', { personId: job.personId, processingId: job.analysisId, status: 'failed' });
      throw error;
    }
  }

  private recordedSleepRows(personId: string, series: MinuteSeries): Promise<StoredObservation[]> {
    const endMs = series.startMs + series.values.length * 60_000;
    return readAllRows(this.observations.reader, personId, 'sleep_stage', series.startMs - 24 * 3_600_000, endMs);
  }
}
