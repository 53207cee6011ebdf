// The observation domain's public surface: the type/unit catalogue, sleep sessions, and source handling.
export * from './catalogue/index.js';
export * from './sleep/index.js';
export * from './sources/index.js';
export type { MetadataValue, Provenance, SampleInput, SampleSource } from './sample.js';
export * from './store/index.js';
export * from './summaries/index.js';
