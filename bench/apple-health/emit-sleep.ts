/**
 * Sleep analysis for the night starting on the day's evening: the iPhone's InBed interval (sleep schedule) and the
 * watch's stages (AsleepCore/Deep/REM and Awake), each with the `HKTimeZone` metadata Apple writes on sleep samples.
 */
import { iphone, watch } from './devices.js';
import type { Emitter } from './emitter.js';
import { night, type SleepStage } from './night-model.js';
import { HKC, meta, record } from './xml-out.js';

const VALUE: Readonly<Record<SleepStage | 'InBed', string>> = {
  InBed: 'HKCategoryValueSleepAnalysisInBed',
  Core: 'HKCategoryValueSleepAnalysisAsleepCore',
  Deep: 'HKCategoryValueSleepAnalysisAsleepDeep',
  REM: 'HKCategoryValueSleepAnalysisAsleepREM',
  Awake: 'HKCategoryValueSleepAnalysisAwake',
};

const TYPE = `${HKC}SleepAnalysis`;

export const sleepAnalysis: Emitter = {
  name: 'SleepAnalysis',
  emit({ world, plan, out, rng }) {
    const clock = world.clock;
    const n = night(world, plan);
    const zone = clock.zone;
    // The phone's InBed sample starts first (before the first stage), so writing it first keeps start order.
    const utc = (t: number) =>
      new Date(t * 1000)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' +0000');
    const inBedChildren =
      meta(out, '  ', 'HKTimeZone', zone) +
      meta(out, '  ', '_HKPrivateSleepAlarmUserSetBedtime', utc(plan.bed - (plan.bed % 900))) +
      meta(out, '  ', '_HKPrivateSleepAlarmUserWakeTime', utc(plan.nextWake - (plan.nextWake % 900)));
    out.add(
      record(out, clock, ' ', {
        type: TYPE,
        source: iphone.attrs(plan.day),
        device: iphone.device(plan.day, rng),
        unit: null,
        created: n.inBed.end + rng.int(60, 3600),
        start: n.inBed.start,
        end: n.inBed.end,
        value: VALUE.InBed,
        children: inBedChildren,
      }),
    );
    const source = watch.attrs(plan.day);
    const created = n.asleepEnd + rng.int(300, 2400);
    for (const s of n.stages) {
      out.add(
        record(out, clock, ' ', {
          type: TYPE,
          source,
          device: watch.device(plan.day, rng),
          unit: null,
          created,
          start: s.start,
          end: s.end,
          value: VALUE[s.stage],
          children: meta(out, '  ', 'HKTimeZone', zone),
        }),
      );
    }
  },
};
