import type { TwinFeatures } from '../twin-features.js';
import { localDateOf, parseInstantMs, resolveZone } from './shared/calendar.js';

/** What every twin needs to know about "now", computed once per snapshot. */
export interface ScoringContext {
  readonly features: TwinFeatures;
  /** a zone Intl knows (the snapshot's, else UTC) */
  readonly zone: string;
  readonly asOfMs: number;
  /** the local date of as_of: "today" */
  readonly today: string;
  /** notes every twin carries (a zone that had to be replaced) */
  readonly notes: readonly string[];
}

export function scoringContext(features: TwinFeatures): ScoringContext {
  const asOfMs = parseInstantMs(features.as_of, 'as_of');
  const { zone, note } = resolveZone(features.time_zone);
  return { features, zone, asOfMs, today: localDateOf(asOfMs, zone), notes: note === null ? [] : [note] };
}
