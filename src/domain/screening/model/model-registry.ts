import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import builtinV1 from './coefficients/mhras-evidence-1.0.0.json' with { type: 'json' };
import { modelKey, parseModelSpec, type ScreeningModelSpec } from './model-spec.js';

export interface ModelRegistryOptions {
  /** A directory of extra coefficients files (`*.json`), loaded at start-up: a new version without code changes. */
  extraDirectory?: string | undefined;
  /** `id@version` to serve; default: the highest version of the built-in model id. */
  active?: string | undefined;
}

const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/**
 * Every screening model version this server knows. Old versions stay loaded so a stored prediction can be explained
 * with the model that made it.
 */
export class ScreeningModelRegistry {
  private readonly models = new Map<string, ScreeningModelSpec>();
  readonly active: ScreeningModelSpec;

  constructor(options: ModelRegistryOptions = {}) {
    this.add(parseModelSpec(builtinV1, 'mhras-evidence-1.0.0.json'));
    if (options.extraDirectory) {
      for (const file of readdirSync(options.extraDirectory)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        const raw: unknown = JSON.parse(readFileSync(join(options.extraDirectory, file), 'utf8'));
        this.add(parseModelSpec(raw, file));
      }
    }
    const chosen = options.active ? this.models.get(options.active) : this.newest(builtinV1.id);
    if (!chosen) throw new Error(`screening model ${options.active ?? builtinV1.id} is not registered (known: ${this.keys().join(', ')})`);
    this.active = chosen;
  }

  get(id: string, version: string): ScreeningModelSpec | undefined {
    return this.models.get(`${id}@${version}`);
  }

  keys(): string[] {
    return [...this.models.keys()];
  }

  list(): ScreeningModelSpec[] {
    return [...this.models.values()];
  }

  private add(spec: ScreeningModelSpec): void {
    const key = modelKey(spec);
    if (this.models.has(key)) throw new Error(`screening model ${key} is defined twice`);
    this.models.set(key, spec);
  }

  private newest(id: string): ScreeningModelSpec | undefined {
    return this.list()
      .filter((spec) => spec.id === id)
      .sort((a, b) => compareVersions(b.version, a.version))[0];
  }
}
