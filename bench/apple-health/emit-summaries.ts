/**
 * Writers of the elements that follow the records in Apple's export: blood-pressure `<Correlation>`s, `<Workout>`s
 * (iOS 16+ shape: totals in `<WorkoutStatistics>` children, events, route file reference) and one `<ActivitySummary>`
 * per day. Their numbers are computed from the same models as the records they summarise.
 */
import { watch } from './devices.js';
import { basalEnergy, exerciseMinutes, standHours, sumOver, walkingBouts } from './activity-model.js';
import { movingSegments, workoutSeries, type WorkoutKind } from './day-model.js';
import { activeEnergySamples } from './emit-activity.js';
import { bloodPressureRecord, bloodPressureSample } from './emit-vitals.js';
import type { Emitter } from './emitter.js';
import { num } from './prng.js';
import { HKQ, meta, uuid } from './xml-out.js';

export const bloodPressureCorrelation: Emitter = {
  name: 'Correlation',
  emit({ world, plan, out }) {
    const bp = bloodPressureSample(world, plan);
    if (bp === null) return;
    const c = world.clock;
    out.count('Correlation');
    out.add(
      ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure"${bp.source}${bp.device} creationDate="${c.format(bp.created)}" startDate="${c.format(bp.start)}" endDate="${c.format(bp.end)}">\n` +
        (bp.manual ? meta(out, '  ', 'HKWasUserEntered', '1') : '') +
        bloodPressureRecord(out, world, plan, '  ', 'Diastolic') +
        bloodPressureRecord(out, world, plan, '  ', 'Systolic') +
        ' </Correlation>\n',
    );
  },
};

const METS: Readonly<Record<WorkoutKind, number>> = {
  Running: 10.2,
  Walking: 4.1,
  Cycling: 7.8,
  TraditionalStrengthTraining: 5.2,
  Yoga: 2.9,
};
const DISTANCE_TYPE: Partial<Record<WorkoutKind, string>> = {
  Running: 'DistanceWalkingRunning',
  Walking: 'DistanceWalkingRunning',
  Cycling: 'DistanceCycling',
};

function routeFileName(clock: { localDate(t: number): string; format(t: number): string }, end: number): string {
  // `route_2024-01-02_7.45am.gpx`: the local date and 12-hour time at which the workout ended.
  const [, time] = clock.format(end).split(' ') as [string, string];
  const [hh, mm] = time.split(':') as [string, string];
  const h = Number(hh);
  return `route_${clock.localDate(end)}_${h % 12 === 0 ? 12 : h % 12}.${mm}${h < 12 ? 'am' : 'pm'}.gpx`;
}

export const workouts: Emitter = {
  name: 'Workout',
  emit({ world, plan, out, rng }) {
    const w = plan.workout;
    if (w === null) return;
    const c = world.clock;
    const series = workoutSeries(world, plan);
    const moving = movingSegments(w).reduce((s, [a, b]) => s + (b - a), 0);
    const source = watch.attrs(plan.day);
    const created = w.end + rng.int(3, 60);
    const start = c.format(w.start);
    const end = c.format(w.end);
    out.count('Workout');
    let body = meta(out, '  ', 'HKIndoorWorkout', w.indoor ? '1' : '0') + meta(out, '  ', 'HKTimeZone', c.zone);
    if (!w.indoor) {
      body += meta(out, '  ', 'HKWeatherHumidity', `${rng.int(45, 95) * 100} %`);
      body += meta(out, '  ', 'HKWeatherTemperature', `${num(rng.normal(55, 9), 4)} degF`);
      body += meta(out, '  ', 'HKElevationAscended', `${rng.int(500, 9000)} cm`);
    }
    body += meta(out, '  ', 'HKAverageMETs', `${num(METS[w.kind] * w.intensity, 5)} kcal/hr\u00b7kg`);

    // Events: a pause and its resume, and a segment per kilometre on runs.
    if (w.pause !== null) {
      body += `  <WorkoutEvent type="HKWorkoutEventTypePause" date="${c.format(w.pause.at)}"/>\n`;
      body += `  <WorkoutEvent type="HKWorkoutEventTypeResume" date="${c.format(w.pause.resume)}"/>\n`;
      out.count('WorkoutEvent', 2);
    }
    if (w.kind === 'Running') {
      let metres = 0;
      let segmentStart = w.start;
      for (const d of series.distance) {
        metres += d.value;
        if (metres >= 1000) {
          metres -= 1000;
          body += `  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${c.format(segmentStart)}" duration="${num((d.end - segmentStart) / 60, 6)}" durationUnit="min"/>\n`;
          out.count('WorkoutEvent');
          segmentStart = d.end;
        }
      }
    }

    const stat = (type: string, values: string, unit: string) => {
      out.count('WorkoutStatistics');
      return `  <WorkoutStatistics type="${HKQ}${type}" startDate="${start}" endDate="${end}" ${values} unit="${unit}"/>\n`;
    };
    body += stat('ActiveEnergyBurned', `sum="${num(sumOver(series.energy, w.start, w.end), 4)}"`, 'kcal');
    body += stat('BasalEnergyBurned', `sum="${num(sumOver(basalEnergy(world, plan), w.start, w.end) * 4.184, 4)}"`, 'kJ');
    const distanceType = DISTANCE_TYPE[w.kind];
    if (distanceType !== undefined)
      body += stat(distanceType, `sum="${num(series.distance.reduce((s, d) => s + d.value, 0) / 1000, 6)}"`, 'km');
    if (series.hr.length > 0) {
      let min = Infinity;
      let max = -Infinity;
      let sum = 0;
      for (const s of series.hr) {
        sum += s.bpm;
        if (s.bpm < min) min = s.bpm;
        if (s.bpm > max) max = s.bpm;
      }
      body += stat('HeartRate', `average="${num(sum / series.hr.length, 4)}" minimum="${min}" maximum="${max}"`, 'count/min');
    }
    if (series.steps.length > 0) body += stat('StepCount', `sum="${series.steps.reduce((s, x) => s + x.value, 0)}"`, 'count');

    if (!w.indoor && distanceType !== undefined) {
      const file = routeFileName(c, w.end);
      out.count('WorkoutRoute');
      body +=
        `  <WorkoutRoute${source} creationDate="${c.format(created + rng.int(1, 30))}" startDate="${start}" endDate="${end}">\n` +
        meta(out, '   ', 'HKMetadataKeySyncVersion', '2') +
        meta(out, '   ', 'HKMetadataKeySyncIdentifier', uuid(rng.hex)) +
        `   <FileReference path="/workout-routes/${file}"/>\n` +
        '  </WorkoutRoute>\n';
      out.routes.push({ path: `/workout-routes/${file}`, start: w.start, end: w.end, day: plan.day, kind: w.kind });
    }
    out.add(
      ` <Workout workoutActivityType="HKWorkoutActivityType${w.kind}" duration="${num(moving / 60, 6)}" durationUnit="min"${source}${watch.device(plan.day, rng)}` +
        ` creationDate="${c.format(created)}" startDate="${start}" endDate="${end}">\n${body} </Workout>\n`,
    );
  },
};

export const activitySummary: Emitter = {
  name: 'ActivitySummary',
  emit({ world, plan, out }) {
    const energy = activeEnergySamples(world, plan).reduce((s, i) => s + i.value, 0);
    const exercise = exerciseMinutes(plan, walkingBouts(world, plan)).length;
    const stood = standHours(world, plan).filter((h) => h.stood).length;
    out.count('ActivitySummary');
    out.add(
      ` <ActivitySummary dateComponents="${world.clock.localDate(plan.start)}" activeEnergyBurned="${num(energy, 3)}" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="kcal"` +
        ` appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="${exercise}" appleExerciseTimeGoal="30" appleStandHours="${stood}" appleStandHoursGoal="12"/>\n`,
    );
  },
};
