/**
 * Source identity, source classes and the per-user source priority used to merge cumulative types.
 *
 * Classes, best first by default: watch > ring > phone > app > manual (issue 3). A wrist device measures steps and
 * energy continuously and closest to the body's motion; a ring likewise but with fewer activity sensors; a phone only
 * while carried; an app's numbers are derived or imported; a manual entry is a person's estimate.
 */
import type { DeviceIdentity } from './device-identity.js';
import { normaliseLabel } from './normalise.js';

export const SOURCE_CLASSES = ['watch', 'ring', 'phone', 'app', 'manual'] as const;
export type SourceClass = (typeof SOURCE_CLASSES)[number];

export function isSourceClass(value: unknown): value is SourceClass {
  return typeof value === 'string' && (SOURCE_CLASSES as readonly string[]).includes(value);
}

/**
 * The key of a source (the app or device that wrote the sample, HealthKit's `sourceName`): its name as a label
 * (normaliseLabel: "Simon’s iPhone" ≡ "simon's iphone"). Not the bundle id: Apple's export carries only `sourceName`,
 * so a key built on the bundle id would differ between the same sample uploaded by the iOS app and read from an export,
 * and the natural dedup key would fail across the two paths. Not the version either (it changes on update).
 * Idempotent: sourceKey(sourceKey(x)) === sourceKey(x).
 */
export function sourceKey(sourceName: string): string {
  // A person has a handful of sources and an import repeats them millions of times: remember recent answers.
  let key = SOURCE_KEYS.get(sourceName);
  if (key === undefined) {
    if (SOURCE_KEYS.size >= SOURCE_KEY_CACHE_SIZE) SOURCE_KEYS.clear();
    SOURCE_KEYS.set(sourceName, (key = normaliseLabel(sourceName)));
  }
  return key;
}

const SOURCE_KEY_CACHE_SIZE = 4096;
const SOURCE_KEYS = new Map<string, string>();

export interface SourceDescription {
  /** HealthKit `sourceName` ("Simon’s Apple Watch", "Health Mate", "Oura"). */
  readonly name: string;
  /** HealthKit `bundleIdentifier` when known (uploads carry it; exports do not). */
  readonly bundleId?: string;
  /** Parsed `device` of the sample, when there is one. */
  readonly device?: DeviceIdentity;
  /** True when the person typed the value in (HKWasUserEntered = 1, or our own manual-entry endpoint). */
  readonly userEntered?: boolean;
}

/** HealthKit's `HKWasUserEntered` metadata (`"1"` in exports, `true`/`1` in JSON uploads). */
export function wasUserEntered(metadata: Readonly<Record<string, unknown>> | undefined): boolean {
  const value = metadata?.['HKWasUserEntered'] ?? metadata?.['HKMetadataKeyWasUserEntered'];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
  return false;
}

/** Smart rings (Oura, Ultrahuman, RingConn, Circular, Samsung Galaxy Ring, …) by name, bundle id or manufacturer. */
const RING = /\boura\b|ouraring|ultrahuman|ringconn|\bcircular\b|galaxy ring|\bsmart ?ring\b/;
/**
 * Wrist wearables from other makers whose data reaches HealthKit through their companion app (Garmin Connect, Fitbit,
 * Polar Flow, Suunto, COROS, WHOOP, Amazfit/Zepp): the numbers come from a wrist device, so they rank as a watch.
 */
const WRIST_VENDOR =
  /\bgarmin\b|com\.garmin\.|\bfitbit\b|com\.fitbit\.|\bpolar\b|fi\.polar\.|\bsuunto\b|\bcoros\b|\bwhoop\b|\bamazfit\b|\bzepp\b/;

/**
 * Classifies a source. Rules, first match wins:
 *  1. user-entered → manual (whatever the source: a value typed into the Health app is still an estimate);
 *  2. the device says Apple Watch (hardware `Watch…` or model `Watch`) → watch;
 *  3. the device says iPhone/iPod/iPad (hardware or model) → phone;
 *  4. a ring maker in the device, source name or bundle id → ring;
 *  5. another wrist-wearable maker → watch;
 *  6. no device, but the source is Apple's own (no bundle id, or `com.apple.health…`) and its name says it:
 *     "… Apple Watch" → watch, "… iPhone" → phone (exports of old records sometimes lack the device);
 *  7. anything else (third-party apps, scales, …) → app.
 */
export function classifySource(source: SourceDescription): SourceClass {
  if (source.userEntered === true) return 'manual';
  const device = source.device;
  const hardware = normaliseLabel(device?.hardware ?? '');
  const model = normaliseLabel(device?.model ?? '');
  if (/^watch\d/.test(hardware) || model === 'watch' || model.startsWith('apple watch')) return 'watch';
  if (/^(iphone|ipod|ipad)/.test(hardware) || /^(iphone|ipod|ipad)/.test(model)) return 'phone';

  const haystack = [source.name, source.bundleId, device?.name, device?.manufacturer, device?.model]
    .filter((part): part is string => part !== undefined)
    .map(normaliseLabel)
    .join(' \u0000 ');
  if (RING.test(haystack)) return 'ring';
  if (WRIST_VENDOR.test(haystack)) return 'watch';

  const bundle = normaliseLabel(source.bundleId ?? '');
  if (bundle === '' || bundle.startsWith('com.apple.health')) {
    const name = normaliseLabel(source.name);
    const deviceName = normaliseLabel(device?.name ?? '');
    if (/\bapple watch\b/.test(name) || deviceName === 'apple watch') return 'watch';
    if (/\b(iphone|ipod)\b/.test(name) || /^(iphone|ipod)/.test(deviceName)) return 'phone';
  }
  return 'app';
}

/**
 * A per-user priority: an ordered list, best first, of source classes and/or specific sources (by source key or
 * source name; names are normalised with sourceKey before comparison). E.g. `[{ source: 'Oura' }, 'watch']` puts the
 * Oura source above everything, then watches, then the unlisted classes in default order.
 */
export type PriorityEntry = SourceClass | { readonly source: string };
export type SourcePriority = readonly PriorityEntry[];

export const DEFAULT_SOURCE_PRIORITY: SourcePriority = SOURCE_CLASSES;

/** Problems with a user-supplied priority list (empty when valid): unknown classes, empty or repeated entries. */
export function validateSourcePriority(entries: readonly unknown[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    let id: string;
    if (typeof entry === 'string') {
      if (!isSourceClass(entry)) {
        problems.push(`entry ${index}: unknown source class "${entry}" (expected one of ${SOURCE_CLASSES.join(', ')})`);
        return;
      }
      id = `class:${entry}`;
    } else if (typeof entry === 'object' && entry !== null && typeof (entry as { source?: unknown }).source === 'string') {
      const key = sourceKey((entry as { source: string }).source);
      if (key === '') {
        problems.push(`entry ${index}: empty source`);
        return;
      }
      id = `source:${key}`;
    } else {
      problems.push(`entry ${index}: expected a source class or { source: string }`);
      return;
    }
    if (seen.has(id)) problems.push(`entry ${index}: ${id} is listed twice`);
    seen.add(id);
  });
  return problems;
}

export interface RankedSource {
  /** Source key (or raw source name: it is normalised). */
  readonly source: string;
  readonly sourceClass: SourceClass;
}

/**
 * A source's rank under a priority (lower is better): the position of its own entry if the source is listed, else the
 * position of its class, else (class not listed) after the list, in default class order. Sources of equal rank (two
 * watches) are ordered by the caller, deterministically (cumulative-merge uses the source key).
 */
export function sourceRank(priority: SourcePriority, source: RankedSource): number {
  const key = sourceKey(source.source);
  let classPosition = -1;
  for (let i = 0; i < priority.length; i++) {
    const entry = priority[i]!;
    if (typeof entry === 'string') {
      if (entry === source.sourceClass && classPosition < 0) classPosition = i;
    } else if (sourceKey(entry.source) === key) {
      return i;
    }
  }
  if (classPosition >= 0) return classPosition;
  return priority.length + SOURCE_CLASSES.indexOf(source.sourceClass);
}
