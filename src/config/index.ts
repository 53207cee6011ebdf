export { ConfigSchema, type Config, type ResolvedConfig } from './config.schema.js';
export { ConfigError, loadConfig, parseConfig } from './load-config.js';
