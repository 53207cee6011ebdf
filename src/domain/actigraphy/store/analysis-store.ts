/** The `actigraphy_analyses` rows: created with the job, moved through its states, read by the status route. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Tables } from '../../../platform/db/index.js';
import type { SignalKind } from '../series/minute-series.js';

export type AnalysisState = 'queued' | 'processing' | 'completed' | 'failed';
export type AnalysisSource = 'actigraphy' | 'step_data';

/** What the input was, without its values (window, minutes, signal): kept with the result for provenance. */
export interface InputSummary {
  readonly form: string;
  readonly signal: SignalKind;
  readonly start: string;
  readonly end: string;
  readonly minutes: number;
  readonly utc_offset_minutes: number;
  readonly gap_minutes: number;
  readonly webster_rescoring: boolean;
  readonly [key: string]: unknown;
}

/** Per-token attention of the last PAT block, expanded to minutes when asked for. */
export interface StoredAttention {
  readonly patch_size: number;
  readonly per_token: number[];
}

export interface StoredAnalysis {
  readonly id: string;
  readonly personId: string;
  readonly source: AnalysisSource;
  readonly state: AnalysisState;
  readonly progress: number;
  readonly inputSummary: InputSummary;
  readonly result: Record<string, unknown> | null;
  readonly attention: StoredAttention | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export class AnalysisStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async create(row: { id: string; personId: string; source: AnalysisSource; inputSummary: InputSummary }, db: Kysely<Tables> = this.db) {
    const now = this.clock.now().toISOString();
    await db
      .insertInto('actigraphy_analyses')
      .values({
        id: row.id,
        person_id: row.personId,
        source: row.source,
        state: 'queued',
        input_summary: JSON.stringify(row.inputSummary),
        result: null,
        attention: null,
        error: null,
        created_at: now,
        updated_at: now,
        completed_at: null,
      })
      .execute();
  }

  async get(id: string): Promise<StoredAnalysis | null> {
    const row = await this.db.selectFrom('actigraphy_analyses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      personId: row.person_id,
      source: row.source as AnalysisSource,
      state: row.state as AnalysisState,
      progress: Number(row.progress),
      inputSummary: JSON.parse(row.input_summary) as InputSummary,
      result: parse<Record<string, unknown>>(row.result),
      attention: parse<StoredAttention>(row.attention),
      error: row.error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      completedAt: row.completed_at,
    };
  }

  async progress(id: string, state: 'processing', progress: number): Promise<void> {
    await this.db
      .updateTable('actigraphy_analyses')
      .set({ state, progress, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async complete(id: string, result: Record<string, unknown>, attention: StoredAttention | null): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .updateTable('actigraphy_analyses')
      .set({
        state: 'completed',
        progress: 1,
        result: JSON.stringify(result),
        attention: attention ? JSON.stringify(attention) : null,
        updated_at: now,
        completed_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async fail(id: string, error: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .updateTable('actigraphy_analyses')
      .set({ state: 'failed', error, updated_at: now, completed_at: now })
      .where('id', '=', id)
      .execute();
  }
}
