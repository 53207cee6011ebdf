/**
 * The twin engine: builds a person's features snapshot, scores it, and stores both with the engine and model
 * versions and the snapshot's hash (so every stored score can be explained and recomputed identically). New data
 * asks for a recompute through the job queue (one waiting job per person however many writes arrive); reads are
 * served from the stored scores.
 */
import type { Clock } from '../../../platform/clock.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { isValidTimeZone, localInZone } from '../../observations/index.js';
import type { ScoreHistoryPoint, StoredSnapshot, StoredTwinScore, TwinStore } from '../store/twin-store.js';
import type { TwinFeatures } from '../twin-features.js';
import { TWIN_NAMES, type TwinName, type TwinScores } from '../twin-score.js';
import { inputsHash } from './inputs-hash.js';
import { TREND_LOOKBACK_DAYS, trendOf, type Trend } from './trend.js';

/** Bumped whenever the way features become stored scores changes (model versions are stored separately). */
export const TWIN_ENGINE_VERSION = '1.0.0';
export const RECOMPUTE_JOB = 'twin.recompute';

const DAY_MS = 86_400_000;

export type FeatureSource = (personId: string, asOf: Date) => Promise<TwinFeatures>;
export type Scorer = (features: TwinFeatures) => TwinScores;

export interface TwinEngineDeps {
  readonly store: TwinStore;
  readonly features: FeatureSource;
  readonly score: Scorer;
  readonly clock: Clock;
  readonly jobs: JobQueue;
  /** Told after every stored recompute (alerts, real-time updates, webhooks) and awaited; must not reject. */
  readonly onRecomputed?: (personId: string, computed: Computed) => void | Promise<void>;
}

export interface Computed {
  readonly snapshot: StoredSnapshot;
  readonly scores: TwinScores;
}

export interface TwinView extends StoredTwinScore {
  readonly trend: Trend | null;
}

export interface TwinStatusView {
  readonly lastUpdated: string;
  /** rounded mean of the twins that have a score; null when none has */
  readonly overallHealthScore: number | null;
  readonly twins: Readonly<Record<TwinName, TwinView>>;
}

/** The local date of the snapshot's instant in its own zone: one stored day per person per local day. */
export function snapshotDay(features: TwinFeatures): string {
  const zone = isValidTimeZone(features.time_zone) ? features.time_zone : 'UTC';
  return localInZone(Date.parse(features.as_of), zone).date;
}

export function overallHealthScore(scores: Readonly<Record<TwinName, { readonly score: number | null }>>): number | null {
  const present = TWIN_NAMES.map((twin) => scores[twin].score).filter((s): s is number => s !== null);
  return present.length === 0 ? null : Math.round(present.reduce((a, b) => a + b, 0) / present.length);
}

export class TwinEngine {
  constructor(private readonly deps: TwinEngineDeps) {
    deps.jobs.register(RECOMPUTE_JOB, 'default', async (job) => {
      if (job.personId) await this.recompute(job.personId);
    });
  }

  /** The pure scorer the engine stores scores from (risk, predictions and simulation re-score with it). */
  get scorer(): Scorer {
    return this.deps.score;
  }

  /** New or removed data for the person: recompute soon, off the request path. */
  async dataChanged(personId: string): Promise<void> {
    await this.deps.jobs.enqueueOnce(RECOMPUTE_JOB, personId);
  }

  /**
   * Scores the person now and stores it. The first time, the day a week earlier is scored too (from the data as it
   * stood then), so the trend has something to compare with from the start.
   */
  async recompute(personId: string): Promise<Computed> {
    const now = this.deps.clock.now();
    const current = await this.computeAt(personId, now);
    const weekAgo = new Date(now.getTime() - TREND_LOOKBACK_DAYS * DAY_MS);
    const earlierDay = snapshotDay({ ...current.snapshot.features, as_of: weekAgo.toISOString() });
    if (!(await this.deps.store.hasDay(personId, earlierDay))) await this.computeAt(personId, weekAgo);
    await this.deps.onRecomputed?.(personId, current);
    return current;
  }

  /** A fresh snapshot at this instant, not stored (fitness-to-work looks at the hours ahead of now). */
  async snapshotNow(personId: string): Promise<TwinFeatures> {
    return this.deps.features(personId, this.deps.clock.now());
  }

  /** The latest stored snapshot and scores, computing them first if the person was never computed. */
  async latest(personId: string): Promise<Computed> {
    const snapshot = await this.deps.store.latestSnapshot(personId);
    const scores = snapshot ? await this.deps.store.latestScores(personId) : null;
    if (snapshot && scores) return { snapshot, scores };
    return this.recompute(personId);
  }

  /** The latest stored snapshot, computing it first if the person was never computed. */
  async snapshot(personId: string): Promise<StoredSnapshot> {
    return (await this.deps.store.latestSnapshot(personId)) ?? (await this.recompute(personId)).snapshot;
  }

  /** Every twin's stored score with its trend, for `GET /v1/twin/status`. */
  async status(personId: string): Promise<TwinStatusView> {
    let scores = await this.deps.store.latestScores(personId);
    if (!scores) {
      await this.recompute(personId);
      scores = (await this.deps.store.latestScores(personId))!;
    }
    const day = scores.cardiac.day;
    const compareDay = new Date(Date.parse(`${day}T00:00:00Z`) - TREND_LOOKBACK_DAYS * DAY_MS).toISOString().slice(0, 10);
    const earlier = await this.deps.store.scoresOnOrBefore(personId, compareDay);
    const twins = {} as Record<TwinName, TwinView>;
    for (const twin of TWIN_NAMES) twins[twin] = { ...scores[twin], trend: trendOf(scores[twin].score, earlier[twin]?.score) };
    return { lastUpdated: scores.cardiac.as_of, overallHealthScore: overallHealthScore(scores), twins };
  }

  /** One twin's stored daily scores in [fromDay, toDay], oldest first. */
  async history(personId: string, twin: TwinName, fromDay: string, toDay: string): Promise<ScoreHistoryPoint[]> {
    return this.deps.store.history(personId, twin, fromDay, toDay);
  }

  private async computeAt(personId: string, at: Date): Promise<Computed> {
    return this.save(personId, await this.deps.features(personId, at));
  }

  private async save(personId: string, features: TwinFeatures): Promise<Computed> {
    const scores = this.deps.score(features);
    const snapshot: StoredSnapshot = {
      day: snapshotDay(features),
      asOf: features.as_of,
      engineVersion: TWIN_ENGINE_VERSION,
      inputsHash: inputsHash(features),
      features,
      computedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.store.save(personId, snapshot, scores);
    return { snapshot, scores };
  }
}
