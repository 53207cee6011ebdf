export { applyChanges, applyChangesWithNotes, type AppliedChanges } from './apply-changes.js';
export { simulate, type Scorer, type SimulationResult } from './simulate.js';
export { SimulationChangeSchema, SimulationChangesSchema, type SimulationChange } from './simulation-change.schema.js';
