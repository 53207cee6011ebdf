/**
 * `<Workout>` → one `workout` SampleInput: category = the activity type without `HKWorkoutActivityType`
 * (`Running`, `Walking`, …), value = duration in minutes, components `distance_m` / `energy_kcal` when the export
 * states them. Totals come from the workout's own attributes (`totalDistance`, `totalEnergyBurned`, up to iOS 15) or,
 * failing that, from its `<WorkoutStatistics sum=…>` (iOS 16+, where the attributes are gone). Events, statistics,
 * routes and iOS 17 activities are passed on raw in WorkoutDetails.
 */
import { byHealthKitIdentifier } from '../../observations/catalogue/index.js';
import type { ExportElement } from './export-events.js';
import type { AttributeMap, ElementPosition, WorkoutDetails, WorkoutRouteReference } from './export-types.js';
import {
  RecordRejection,
  convert,
  createdAt,
  makeSample,
  optionalNumber,
  parseNumber,
  requireAttribute,
  requireInstant,
  type MappingContext,
  type MappingSink,
} from './mapping-context.js';

const ACTIVITY_PREFIX = 'HKWorkoutActivityType';
const ACTIVE_ENERGY = 'HKQuantityTypeIdentifierActiveEnergyBurned';
const DISTANCE_PREFIX = 'HKQuantityTypeIdentifierDistance';

function routeOf(route: ExportElement): WorkoutRouteReference {
  const filePaths: string[] = [];
  const locations: AttributeMap[] = [];
  let metadata: Record<string, string> | null = null;
  for (const child of route.children) {
    if (child.name === 'FileReference') {
      const path = child.attributes['path'];
      if (path !== undefined) filePaths.push(path);
    } else if (child.name === 'Location') {
      locations.push(child.attributes);
    } else if (child.name === 'MetadataEntry') {
      const key = child.attributes['key'];
      const value = child.attributes['value'];
      if (key !== undefined && value !== undefined && key !== '__proto__') (metadata ??= {})[key] = value;
    }
  }
  return { attributes: route.attributes, filePaths, locations, metadata };
}

function detailsOf(workout: ExportElement): WorkoutDetails {
  const events: AttributeMap[] = [];
  const statistics: AttributeMap[] = [];
  const routes: WorkoutRouteReference[] = [];
  const activities: AttributeMap[] = [];
  for (const child of workout.children) {
    if (child.name === 'WorkoutEvent') events.push(child.attributes);
    else if (child.name === 'WorkoutStatistics') statistics.push(child.attributes);
    else if (child.name === 'WorkoutRoute') routes.push(routeOf(child));
    else if (child.name === 'WorkoutActivity') activities.push(child.attributes);
  }
  return { events, statistics, routes, activities };
}

/** The `sum` of the first statistic whose type matches, converted to the type's canonical unit; null if none. */
function statisticSum(statistics: readonly AttributeMap[], matches: (type: string) => boolean): number | null {
  for (const statistic of statistics) {
    const identifier = statistic['type'];
    if (identifier === undefined || !matches(identifier) || statistic['sum'] === undefined) continue;
    const type = byHealthKitIdentifier(identifier);
    if (type === undefined) continue;
    const sum = parseNumber(statistic['sum']);
    if (Number.isNaN(sum)) throw new RecordRejection('bad_value', `WorkoutStatistics ${identifier} sum is not a number`);
    return convert(type.id, sum, requireAttribute(statistic, 'unit'));
  }
  return null;
}

export function mapWorkout(element: ExportElement, position: ElementPosition, context: MappingContext, sink: MappingSink): void {
  const attributes = element.attributes;
  const activity = requireAttribute(attributes, 'workoutActivityType');
  const category =
    activity.startsWith(ACTIVITY_PREFIX) && activity.length > ACTIVITY_PREFIX.length ? activity.slice(ACTIVITY_PREFIX.length) : activity;
  const start = requireInstant(attributes, 'startDate');
  const end = requireInstant(attributes, 'endDate');
  if (end < start) throw new RecordRejection('bad_interval', 'endDate is before startDate');

  const duration = optionalNumber(attributes, 'duration');
  const minutes = duration === null ? (end - start) / 60_000 : convert('workout', duration, attributes['durationUnit'] ?? 'min');
  const details = detailsOf(element);

  const components: Record<string, number> = {};
  const totalDistance = optionalNumber(attributes, 'totalDistance');
  const distance =
    totalDistance === null
      ? statisticSum(details.statistics, (type) => type.startsWith(DISTANCE_PREFIX))
      : convert('distance', totalDistance, requireAttribute(attributes, 'totalDistanceUnit'));
  if (distance !== null) components['distance_m'] = distance;
  const totalEnergy = optionalNumber(attributes, 'totalEnergyBurned');
  const energy =
    totalEnergy === null
      ? statisticSum(details.statistics, (type) => type === ACTIVE_ENERGY)
      : convert('active_energy', totalEnergy, requireAttribute(attributes, 'totalEnergyBurnedUnit'));
  if (energy !== null) components['energy_kcal'] = energy;

  const sample = makeSample(
    'workout',
    start,
    end,
    minutes,
    category,
    distance === null && energy === null ? null : components,
    attributes,
    context.metadataOf(element),
    context,
  );
  sink.sample(sample, {
    index: position.index,
    offset: position.offset,
    line: position.line,
    createdAt: createdAt(attributes),
    beats: null,
    workout: details,
  });
}
