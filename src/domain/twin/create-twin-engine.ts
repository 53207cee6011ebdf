import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { ObservationStore } from '../observations/index.js';
import { TwinEngine, type TwinEngineDeps } from './engine/twin-engine.js';
import { buildTwinFeatures } from './inputs/index.js';
import { scoreTwins } from './scoring/index.js';
import { TwinStore } from './store/twin-store.js';

/** The engine as the server runs it: snapshots from the store (inputs/), scored by the model library (scoring/), recomputed when data changes. */
export function createTwinEngine(
  db: Kysely<Tables>,
  observations: ObservationStore,
  jobs: JobQueue,
  clock: Clock,
  onRecomputed?: TwinEngineDeps['onRecomputed'],
): TwinEngine {
  const engine = new TwinEngine({
    ...(onRecomputed && { onRecomputed }),
    store: new TwinStore(db),
    features: (personId, asOf) => buildTwinFeatures({ db, reader: observations.reader }, personId, asOf),
    score: scoreTwins,
    clock,
    jobs,
  });
  observations.changes.listen((personId) => engine.dataChanged(personId));
  return engine;
}
