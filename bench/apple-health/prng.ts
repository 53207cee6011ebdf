/**
 * A small seeded PRNG (mulberry32) and the helpers the generator draws with. Every stream of numbers is seeded from
 * (seed, day, stream id), so any one day of any one record type can be regenerated on its own: the writer goes over
 * the days once per record type (Apple's export is grouped by type) and each pass sees the same day.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer uniform in [min, max] (both included). */
  int(min: number, max: number): number;
  /** Normal with the given mean and standard deviation (Box–Muller, one value per call). */
  normal(mean: number, sd: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `n` lower-case hexadecimal digits. */
  hex(n: number): string;
}

/** murmur3's 32-bit finaliser: mixes a 32-bit integer well. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed of stream `stream` on day `day` of a run seeded with `seed`. */
export function streamSeed(seed: number, day: number, stream: number): number {
  return fmix32(fmix32(seed ^ Math.imul(day + 1, 0x9e3779b1)) ^ Math.imul(stream + 1, 0x27d4eb2f));
}

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    hex: (n) => {
      let out = '';
      for (let left = n; left > 0; left -= 6) {
        const k = Math.min(6, left);
        out += Math.floor(next() * 16 ** k)
          .toString(16)
          .padStart(k, '0');
      }
      return out;
    },
  };
}

export const rngFor = (seed: number, day: number, stream: number): Rng => mulberry32(streamSeed(seed, day, stream));

export const clamp = (value: number, min: number, max: number): number => (value < min ? min : value > max ? max : value);

/** A number as Apple writes it: at most `decimals` decimals, no trailing zeros, no exponent. */
export function num(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}
