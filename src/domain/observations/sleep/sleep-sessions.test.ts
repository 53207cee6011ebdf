import { describe, expect, it } from 'vitest';
import { buildSleepSessions, rankFromPriorityList } from './sleep-sessions.js';
import type { SleepStage } from './sleep-stage.js';
import { sample, sequence } from './sleep.test-helpers.js';

const NY = { timeZone: 'America/New_York' };
const BERLIN = { timeZone: 'Europe/Berlin' };

/** A watch night in Berlin (CEST, +02:00) with every stage: 23:00 local 14 June → 05:20 local 15 June. */
const STAGED: readonly (readonly [SleepStage, number])[] = [
  ['awake', 10],
  ['asleep_core', 60],
  ['asleep_deep', 45],
  ['asleep_core', 30],
  ['asleep_rem', 25],
  ['awake', 5],
  ['asleep_core', 50],
  ['asleep_deep', 20],
  ['asleep_rem', 35],
  ['asleep_core', 40],
  ['awake', 3],
  ['asleep_rem', 30],
  ['asleep_core', 20],
  ['awake', 7],
];
const watchNight = (extras = {}) => sequence('2024-06-14T21:00:00Z', STAGED, { ...BERLIN, ...extras });

describe('a normal night', () => {
  it('phone in_bed + asleep, across midnight: dated on the wake-up date, efficiency from in_bed', () => {
    const { sessions, warnings } = buildSleepSessions([
      sample('2024-01-16T03:30:00Z', '2024-01-16T11:45:00Z', 'in_bed', { source: 'iPhone', ...NY }), // 22:30 → 06:45 EST
      sample('2024-01-16T03:50:00Z', '2024-01-16T11:30:00Z', 'asleep_unspecified', { source: 'iPhone', ...NY }),
    ]);
    expect(warnings).toEqual([]);
    expect(sessions).toEqual([
      {
        night_date: '2024-01-16',
        nap: false,
        sleep_start: '2024-01-16T03:50:00Z',
        sleep_end: '2024-01-16T11:30:00Z',
        in_bed_start: '2024-01-16T03:30:00Z',
        in_bed_end: '2024-01-16T11:45:00Z',
        time_in_bed_minutes: 495,
        total_sleep_minutes: 460,
        stages: { deep_minutes: 0, core_minutes: 0, rem_minutes: 0, unspecified_minutes: 460, awake_minutes: 0 },
        awake_after_sleep_onset_minutes: 0,
        efficiency: 0.9293,
        awakenings: 0,
        sources: ['iPhone'],
        time_zone: { kind: 'iana', time_zone: 'America/New_York' },
      },
    ]);
  });

  it('a night entirely before midnight UTC but after local midnight is still dated locally (Tokyo)', () => {
    // 23:00 JST 1 Feb → 06:00 JST 2 Feb is 14:00Z → 21:00Z on 1 Feb: the UTC date would be wrong.
    const { sessions } = buildSleepSessions([sample('2024-02-01T14:00:00Z', '2024-02-01T21:00:00Z', 'asleep_core', { timeZone: 'Asia/Tokyo' })]);
    expect(sessions.map((s) => s.night_date)).toEqual(['2024-02-02']);
  });
});

describe('a night with all stages', () => {
  it('sums each stage, counts awake episodes between sleeps, and leaves time in bed null without in_bed', () => {
    const { sessions, warnings } = buildSleepSessions(watchNight());
    expect(warnings).toEqual([]);
    expect(sessions).toHaveLength(1);
    const s = sessions[0]!;
    expect(s.night_date).toBe('2024-06-15');
    expect(s.sleep_start).toBe('2024-06-14T21:10:00Z');
    expect(s.sleep_end).toBe('2024-06-15T03:13:00Z');
    expect(s.stages).toEqual({ deep_minutes: 65, core_minutes: 200, rem_minutes: 90, unspecified_minutes: 0, awake_minutes: 25 });
    expect(s.total_sleep_minutes).toBe(355);
    expect(s.awake_after_sleep_onset_minutes).toBe(8);
    expect(s.awakenings).toBe(2);
    expect(s.time_in_bed_minutes).toBeNull();
    expect(s.in_bed_start).toBeNull();
    expect(s.efficiency).toBeNull();
  });

  it('with an in_bed sample: time in bed is the covered time, efficiency = sleep ÷ in bed', () => {
    const { sessions } = buildSleepSessions([...watchNight(), sample('2024-06-14T20:55:00Z', '2024-06-15T03:30:00Z', 'in_bed', { source: 'iPhone', ...BERLIN })]);
    const s = sessions[0]!;
    expect(s.in_bed_start).toBe('2024-06-14T20:55:00Z');
    expect(s.in_bed_end).toBe('2024-06-15T03:30:00Z');
    expect(s.time_in_bed_minutes).toBe(395);
    expect(s.total_sleep_minutes).toBe(355);
    expect(s.efficiency).toBe(0.8987);
    expect(s.sources).toEqual(['Apple Watch', 'iPhone']);
  });

  it('an awake – in_bed – awake stretch between two sleeps is one awakening; in_bed-only or gaps are none', () => {
    const { sessions } = buildSleepSessions([
      ...sequence('2024-06-14T21:00:00Z', [
        ['asleep_core', 60],
        ['awake', 5],
        ['in_bed', 10],
        ['awake', 5],
        ['asleep_core', 60],
        ['in_bed', 10], // no awake sample: not counted (not measured)
        ['asleep_core', 60],
      ]),
      sample('2024-06-15T01:00:00Z', '2024-06-15T02:00:00Z', 'asleep_deep'), // after a 30-min gap with no sample: not an awakening
    ]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.awakenings).toBe(1);
    expect(sessions[0]!.awake_after_sleep_onset_minutes).toBe(10);
  });
});

describe('several sources overlapping', () => {
  it('watch stages + phone in_bed + phone asleep_unspecified: nothing is counted twice', () => {
    const watchOnly = buildSleepSessions(watchNight()).sessions[0]!;
    const both = buildSleepSessions([
      ...watchNight(),
      sample('2024-06-14T20:50:00Z', '2024-06-15T03:30:00Z', 'in_bed', { source: 'iPhone', ...BERLIN }),
      sample('2024-06-14T21:05:00Z', '2024-06-15T03:15:00Z', 'asleep_unspecified', { source: 'iPhone', ...BERLIN }),
    ]).sessions;
    expect(both).toHaveLength(1);
    expect(both[0]!.stages).toEqual(watchOnly.stages);
    expect(both[0]!.total_sleep_minutes).toBe(355);
    expect(both[0]!.time_in_bed_minutes).toBe(400); // 20:50 → 03:30
  });

  it('the phone fills only where the watch has nothing: its asleep counts once, as unspecified', () => {
    const { sessions } = buildSleepSessions([
      sample('2024-06-14T20:30:00Z', '2024-06-14T21:30:00Z', 'asleep_unspecified', { source: 'iPhone', ...BERLIN }),
      ...sequence('2024-06-14T21:00:00Z', [['asleep_core', 60], ['awake', 10], ['asleep_rem', 50]], BERLIN),
    ]);
    const s = sessions[0]!;
    expect(s.stages).toEqual({ deep_minutes: 0, core_minutes: 60, rem_minutes: 50, unspecified_minutes: 30, awake_minutes: 10 });
    expect(s.total_sleep_minutes).toBe(140);
    expect(s.sleep_start).toBe('2024-06-14T20:30:00Z');
  });

  it('a watch "awake" beats a phone "asleep_unspecified" at the same minutes', () => {
    const { sessions } = buildSleepSessions([
      sample('2024-06-14T21:00:00Z', '2024-06-15T05:00:00Z', 'asleep_unspecified', { source: 'AutoSleep' }),
      sample('2024-06-15T01:00:00Z', '2024-06-15T01:30:00Z', 'awake'),
    ]);
    expect(sessions[0]!.stages.awake_minutes).toBe(30);
    expect(sessions[0]!.total_sleep_minutes).toBe(450);
    expect(sessions[0]!.awakenings).toBe(1);
  });

  it('the same samples synced twice, or copied by a second source, give the same minutes', () => {
    const once = buildSleepSessions(watchNight()).sessions[0]!;
    const twice = buildSleepSessions([...watchNight(), ...watchNight(), ...watchNight({ source: 'Copy app' })]).sessions[0]!;
    expect(twice.stages).toEqual(once.stages);
    expect(twice.awakenings).toBe(once.awakenings);
  });

  it('two staging devices disagreeing: source priority decides, else the least remarkable stage wins', () => {
    const samples = [
      sample('2024-06-14T22:00:00Z', '2024-06-14T23:00:00Z', 'asleep_core', { source: 'Apple Watch' }),
      sample('2024-06-14T22:00:00Z', '2024-06-14T23:00:00Z', 'asleep_deep', { source: 'Oura' }),
    ];
    expect(buildSleepSessions(samples).sessions[0]!.stages.core_minutes).toBe(60);
    expect(buildSleepSessions(samples, { sourceRank: rankFromPriorityList(['Oura', 'Apple Watch']) }).sessions[0]!.stages.deep_minutes).toBe(60);
    expect(buildSleepSessions(samples, { sourceRank: rankFromPriorityList(['Apple Watch', 'Oura']) }).sessions[0]!.stages.core_minutes).toBe(60);
    // source priority never lets a lower tier win: a top-ranked phone's unspecified still loses to the watch's stage
    const tiered = [sample('2024-06-14T22:00:00Z', '2024-06-14T23:00:00Z', 'asleep_unspecified', { source: 'iPhone' }), samples[1]!];
    expect(buildSleepSessions(tiered, { sourceRank: rankFromPriorityList(['iPhone']) }).sessions[0]!.stages.deep_minutes).toBe(60);
  });
});

describe('grouping into sessions', () => {
  const block = (start: string, end: string) => sample(start, end, 'asleep_core', BERLIN);

  it('a gap shorter than 3 h stays in one session; a gap of exactly 3 h splits', () => {
    const oneNight = buildSleepSessions([block('2024-06-14T21:00:00Z', '2024-06-14T23:00:00Z'), block('2024-06-15T01:59:00Z', '2024-06-15T05:00:00Z')]);
    expect(oneNight.sessions).toHaveLength(1);
    expect(oneNight.sessions[0]!.total_sleep_minutes).toBe(120 + 181);
    const two = buildSleepSessions([block('2024-06-14T21:00:00Z', '2024-06-14T23:00:00Z'), block('2024-06-15T02:00:00Z', '2024-06-15T05:00:00Z')]);
    expect(two.sessions).toHaveLength(2);
    expect(two.sessions.map((s) => s.night_date)).toEqual(['2024-06-15', '2024-06-15']);
  });

  it('the gap threshold is an option', () => {
    const samples = [block('2024-06-14T21:00:00Z', '2024-06-14T23:00:00Z'), block('2024-06-15T00:00:00Z', '2024-06-15T05:00:00Z')];
    expect(buildSleepSessions(samples, { gapMinutes: 60 }).sessions).toHaveLength(2);
    expect(buildSleepSessions(samples, { gapMinutes: 61 }).sessions).toHaveLength(1);
  });

  it('a cluster with no sleep (in_bed or awake only) makes no session, and says so', () => {
    const { sessions, warnings } = buildSleepSessions([
      sample('2024-06-14T12:00:00Z', '2024-06-14T13:00:00Z', 'in_bed', { source: 'iPhone' }),
      block('2024-06-14T21:00:00Z', '2024-06-15T05:00:00Z'),
    ]);
    expect(sessions).toHaveLength(1);
    expect(warnings).toEqual([
      { code: 'no_sleep_in_session', message: 'samples from 2024-06-14T12:00:00Z to 2024-06-14T13:00:00Z contain no sleep; no session made' },
    ]);
  });
});

describe('naps', () => {
  const night = sequence('2024-06-14T21:00:00Z', [['asleep_core', 420]], BERLIN); // 23:00 → 06:00 local
  const nap = (start: string, end: string) => sample(start, end, 'asleep_core', BERLIN);

  it('a short daytime sleep is its own session, flagged nap, dated on its own day', () => {
    const { sessions } = buildSleepSessions([...night, nap('2024-06-15T11:30:00Z', '2024-06-15T12:15:00Z')]); // 13:30 → 14:15 local
    expect(sessions.map((s) => [s.night_date, s.nap, s.total_sleep_minutes])).toEqual([
      ['2024-06-15', false, 420],
      ['2024-06-15', true, 45],
    ]);
  });

  it('the nap window is [10:00, 20:00) local on the end, and total sleep < 3 h', () => {
    const isNap = (start: string, end: string) => buildSleepSessions([nap(start, end)]).sessions[0]!.nap;
    expect(isNap('2024-06-15T07:00:00Z', '2024-06-15T08:00:00Z')).toBe(true); // ends 10:00
    expect(isNap('2024-06-15T06:59:00Z', '2024-06-15T07:59:00Z')).toBe(false); // ends 09:59: a short night
    expect(isNap('2024-06-15T16:59:00Z', '2024-06-15T17:59:00Z')).toBe(true); // ends 19:59
    expect(isNap('2024-06-15T17:00:00Z', '2024-06-15T18:00:00Z')).toBe(false); // ends 20:00
    expect(isNap('2024-06-15T09:01:00Z', '2024-06-15T12:00:00Z')).toBe(true); // 2 h 59 min
    expect(isNap('2024-06-15T09:00:00Z', '2024-06-15T12:00:00Z')).toBe(false); // 3 h: a night-shift worker's main sleep
  });

  it('nap thresholds are options', () => {
    const s = [nap('2024-06-15T11:00:00Z', '2024-06-15T15:00:00Z')];
    expect(buildSleepSessions(s).sessions[0]!.nap).toBe(false);
    expect(buildSleepSessions(s, { napMaxSleepMinutes: 300 }).sessions[0]!.nap).toBe(true);
  });
});

describe('attribution boundary: local midnight of the wake-up', () => {
  it('ending exactly at 00:00 local belongs to the new date; one second earlier to the old one', () => {
    const at = (end: string) => buildSleepSessions([sample('2024-06-14T19:00:00Z', end, 'asleep_core', BERLIN)]).sessions[0]!.night_date;
    expect(at('2024-06-14T22:00:00Z')).toBe('2024-06-15'); // 00:00:00 CEST
    expect(at('2024-06-14T21:59:59Z')).toBe('2024-06-14'); // 23:59:59 CEST
  });

  it('the wake-up is the end of the last sleep, not of trailing awake or in_bed samples', () => {
    const { sessions } = buildSleepSessions(sequence('2024-06-14T19:00:00Z', [['asleep_core', 179], ['awake', 30], ['in_bed', 30]], BERLIN));
    expect(sessions[0]!.sleep_end).toBe('2024-06-14T21:59:00Z');
    expect(sessions[0]!.night_date).toBe('2024-06-14');
  });
});

describe('time zone of the samples', () => {
  const night = (extras: object) => [sample('2024-01-15T23:00:00Z', '2024-01-16T04:30:00Z', 'asleep_core', extras)];

  it('only a UTC offset: dated with that offset', () => {
    const { sessions, warnings } = buildSleepSessions(night({ utcOffsetMinutes: -300 }));
    expect(warnings).toEqual([]);
    expect(sessions[0]!.night_date).toBe('2024-01-15'); // 23:30 at −05:00
    expect(sessions[0]!.time_zone).toEqual({ kind: 'utc_offset', utc_offset_minutes: -300 });
  });

  it('an IANA zone wins over an offset; no zone at all falls back to UTC with a warning', () => {
    expect(buildSleepSessions(night({ utcOffsetMinutes: 0, timeZone: 'America/Chicago' })).sessions[0]!.night_date).toBe('2024-01-15');
    const { sessions, warnings } = buildSleepSessions(night({}));
    expect(sessions[0]!.night_date).toBe('2024-01-16');
    expect(sessions[0]!.time_zone).toEqual({ kind: 'utc_assumed' });
    expect(warnings.map((w) => w.code)).toEqual(['time_zone_unknown']);
  });

  it('a sample without zone borrows the zone of the session’s other samples', () => {
    const { sessions, warnings } = buildSleepSessions([
      sample('2024-01-15T23:00:00Z', '2024-01-16T04:30:00Z', 'asleep_core'),
      sample('2024-01-15T22:50:00Z', '2024-01-16T04:00:00Z', 'in_bed', { source: 'iPhone', timeZone: 'America/Los_Angeles' }),
    ]);
    expect(warnings).toEqual([]);
    expect(sessions[0]!.night_date).toBe('2024-01-15'); // 20:30 PST
  });
});

describe('invalid input', () => {
  it('leaves invalid samples out with one warning each, and keeps the rest', () => {
    const good = sample('2024-06-14T21:00:00Z', '2024-06-15T05:00:00Z', 'asleep_core', BERLIN);
    const { sessions, warnings } = buildSleepSessions([
      sample('2024-06-14T21:00:00', '2024-06-15T05:00:00Z', 'asleep_core'),
      sample('2024-06-15T05:00:00Z', '2024-06-14T21:00:00Z', 'asleep_core'),
      sample('2024-06-14T21:00:00Z', '2024-06-14T21:00:00Z', 'asleep_core'),
      { ...good, stage: 'asleep_light' as SleepStage },
      { ...good, timeZone: 'Europe/Atlantis' },
      { ...good, timeZone: undefined, utcOffsetMinutes: 5000 },
      good,
    ]);
    expect(warnings.map((w) => [w.code, w.sample_index])).toEqual([
      ['invalid_instant', 0],
      ['end_before_start', 1],
      ['empty_sample', 2],
      ['unknown_stage', 3],
      ['invalid_time_zone', 4],
      ['invalid_utc_offset', 5],
    ]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.total_sleep_minutes).toBe(480);
    expect(sessions[0]!.time_zone).toEqual({ kind: 'iana', time_zone: 'Europe/Berlin' });
  });

  it('no samples: no sessions', () => {
    expect(buildSleepSessions([])).toEqual({ sessions: [], warnings: [] });
  });
});

describe('minute rounding', () => {
  it('stage minutes always add up to total sleep (largest remainder)', () => {
    // three stages of 20.5 min each = 61.5 min → total 62, stages 21 + 21 + 20
    const { sessions } = buildSleepSessions([
      sample('2024-06-14T21:00:00Z', '2024-06-14T21:20:30Z', 'asleep_deep'),
      sample('2024-06-14T21:20:30Z', '2024-06-14T21:41:00Z', 'asleep_core'),
      sample('2024-06-14T21:41:00Z', '2024-06-14T22:01:30Z', 'asleep_rem'),
    ]);
    const s = sessions[0]!;
    expect(s.total_sleep_minutes).toBe(62);
    expect(s.stages.deep_minutes + s.stages.core_minutes + s.stages.rem_minutes).toBe(62);
    expect([s.stages.deep_minutes, s.stages.core_minutes, s.stages.rem_minutes]).toEqual([21, 21, 20]);
  });
});
