import { describe, expect, it } from 'vitest';
import { parseHkDevice } from './device-identity.js';
import { classifySource, DEFAULT_SOURCE_PRIORITY, sourceKey, sourceRank, validateSourcePriority, wasUserEntered } from './source-class.js';
import type { SourceDescription } from './source-class.js';

// Devices as written in the fixtures (dogsheep and jshrake exports).
const DOGSHEEP_WATCH = parseHkDevice(
  '&lt;&lt;HKDevice: 0x282a45810&gt;, name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1&gt;',
);
const JSHRAKE_IPHONE = parseHkDevice(
  '&lt;&lt;HKDevice: 0x281038280&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,3, software:16.1.2&gt;',
);

describe('sourceKey', () => {
  it('folds typographic apostrophes, spacing and case, and is idempotent', () => {
    expect(sourceKey('Simon’s iPhone')).toBe("simon's iphone");
    expect(sourceKey('  Simon\u2019s   IPHONE ')).toBe(sourceKey("Simon's iPhone"));
    expect(sourceKey(sourceKey('Simon’s\u00a0iPhone'))).toBe(sourceKey('Simon’s iPhone'));
  });
});

describe('classifySource', () => {
  const cases: [string, SourceDescription, string][] = [
    ['dogsheep Apple Watch (hardware Watch2,4)', { name: 'Apple Watch', device: DOGSHEEP_WATCH }, 'watch'],
    [
      'jshrake watch renamed "Watch"',
      { name: 'Watch', device: parseHkDevice('name:Apple Watch, model:Watch, hardware:Watch5,4') },
      'watch',
    ],
    ['model Watch without hardware', { name: 'x', device: parseHkDevice('model:Watch') }, 'watch'],
    ['jshrake phone renamed "Phone"', { name: 'Phone', device: JSHRAKE_IPHONE }, 'phone'],
    ['Oura by name', { name: 'Oura', bundleId: 'com.ouraring.oura' }, 'ring'],
    ['Oura by manufacturer', { name: 'Ring', device: parseHkDevice('name:Oura Ring, manufacturer:Oura Health Oy') }, 'ring'],
    ['Ultrahuman', { name: 'Ultrahuman', bundleId: 'com.ultrahuman.app' }, 'ring'],
    ['Garmin Connect', { name: 'Connect', bundleId: 'com.garmin.connect.mobile' }, 'watch'],
    ['Fitbit', { name: 'Fitbit', bundleId: 'com.fitbit.FitbitMobile' }, 'watch'],
    ['Withings Health Mate (dogsheep, no device)', { name: 'Health Mate' }, 'app'],
    ['third-party app', { name: 'Strava', bundleId: 'com.strava.stravaride' }, 'app'],
    ['old Apple record without device, name says watch', { name: 'Simon’s Apple Watch' }, 'watch'],
    ['old Apple record without device, name says iPhone', { name: 'Simon’s iPhone', bundleId: 'com.apple.health.1A2B' }, 'phone'],
    ['a third-party app named like a watch is still an app', { name: 'My Apple Watch Faces', bundleId: 'com.example.faces' }, 'app'],
    ['user-entered beats everything', { name: 'Apple Watch', device: DOGSHEEP_WATCH, userEntered: true }, 'manual'],
    ['typed into the Health app', { name: 'Health', bundleId: 'com.apple.Health', userEntered: true }, 'manual'],
  ];
  it.each(cases)('%s', (_label, source, expected) => {
    expect(classifySource(source)).toBe(expected);
  });
});

describe('wasUserEntered', () => {
  it('reads HKWasUserEntered in export and JSON forms', () => {
    expect(wasUserEntered({ HKWasUserEntered: '1' })).toBe(true);
    expect(wasUserEntered({ HKWasUserEntered: '0' })).toBe(false); // as in the dogsheep Health Mate record
    expect(wasUserEntered({ HKWasUserEntered: true })).toBe(true);
    expect(wasUserEntered({ HKWasUserEntered: 1 })).toBe(true);
    expect(wasUserEntered({})).toBe(false);
    expect(wasUserEntered(undefined)).toBe(false);
  });
});

describe('sourceRank', () => {
  const rank = (source: string, sourceClass: 'watch' | 'ring' | 'phone' | 'app' | 'manual', priority = DEFAULT_SOURCE_PRIORITY) =>
    sourceRank(priority, { source, sourceClass });

  it('default order is watch > ring > phone > app > manual', () => {
    const ranks = (['watch', 'ring', 'phone', 'app', 'manual'] as const).map((c) => rank('s', c));
    expect(ranks).toEqual([0, 1, 2, 3, 4]);
  });

  it('a listed source outranks its class; unlisted classes follow in default order', () => {
    const priority = [{ source: 'Simon’s iPhone' }, 'ring'] as const;
    expect(rank("simon's iphone", 'phone', priority)).toBe(0);
    expect(rank('Oura', 'ring', priority)).toBe(1);
    expect(rank('Apple Watch', 'watch', priority)).toBe(2);
    expect(rank('Other iPhone', 'phone', priority)).toBe(4);
    expect(rank('Manual', 'manual', priority)).toBe(6);
    expect(rank('Apple Watch', 'watch', priority)).toBeLessThan(rank('Other iPhone', 'phone', priority));
  });

  it('validates user priority lists', () => {
    expect(validateSourcePriority(['phone', 'watch', { source: 'Oura' }])).toEqual([]);
    expect(validateSourcePriority(['phone', 'phone'])).toEqual(['entry 1: class:phone is listed twice']);
    expect(validateSourcePriority(['band'])[0]).toMatch(/unknown source class "band"/);
    expect(validateSourcePriority([{ source: 'Oura' }, { source: ' oura ' }])).toEqual(['entry 1: source:oura is listed twice']);
    expect(validateSourcePriority([{ source: '  ' }, 3])).toEqual([
      'entry 0: empty source',
      'entry 1: expected a source class or { source: string }',
    ]);
  });
});
