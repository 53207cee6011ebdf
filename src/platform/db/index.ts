export { openDatabase, type Database, type DatabaseOptions, type Dialect } from './database.js';
export { migrateToLatest, type MigrationReport } from './migrate.js';
export type * from './tables.js';
