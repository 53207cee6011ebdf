/**
 * Environmental twin: heat (NWS heat index from temperature and humidity), air quality (US EPA AQI from 24-h PM2.5)
 * and noise (daily exposure against the NIOSH 85 dBA limit). docs/models.md § environmental.
 */
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import { addDays } from './shared/calendar.js';
import { mean, valuesIn } from './shared/daily-window.js';
import type { DoseResponse } from './shared/dose-response.js';
import { ladderScore, scoreOn } from './shared/dose-response.js';
import { aqiPm25Model, heatIndexModel } from '../../models/index.js';
import { runModel } from '../model-inputs/index.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult, weightCoverage } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

export const ENVIRONMENTAL_WEIGHTS = { heat: 40, air: 40, noise: 20 } as const;
const TOTAL_WEIGHT = 100;
const NOISE_DAYS = 7;
/** Temperature and humidity further apart than this are not one moment's air. */
const MAX_READING_GAP_HOURS = 3;

export const HEAT_INDEX_LADDER = ['none', 'caution', 'extreme_caution', 'danger', 'extreme_danger'] as const;
export const AQI_LADDER = ['good', 'moderate', 'unhealthy_for_sensitive_groups', 'unhealthy', 'very_unhealthy', 'hazardous'] as const;

export const NOISE_CURVE: DoseResponse = {
  anchors: [
    [70, 100],
    [85, 50],
    [91, 0],
  ],
  source:
    'US EPA 1974 "Levels document" (70 dBA over 24 h protects hearing); NIOSH 1998 Criteria for a Recommended Standard: Occupational Noise Exposure (REL 85 dBA 8-h TWA = 100 % dose, 3-dB exchange rate: 91 dBA = 400 %)',
};

export function scoreEnvironmental(ctx: ScoringContext): TwinScore {
  const f = ctx.features;
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];
  const { temp_c, rh_percent, pm25_24h_ugm3 } = f.environment;

  if (temp_c !== null && rh_percent !== null) {
    const result = runModel(heatIndexModel, { temp_c: temp_c.value, rh_percent: rh_percent.value });
    if (result.ok) {
      log.have('environment.temp_c');
      log.have('environment.rh_percent');
      drafts.push({
        id: 'heat_index',
        label: `Heat index (${result.outputs.category})`,
        value: result.outputs.heat_index_c,
        unit: '°C',
        subScore: ladderScore(HEAT_INDEX_LADDER, result.outputs.category),
        weight: ENVIRONMENTAL_WEIGHTS.heat,
        model: result.ref,
      });
      notes.push(...result.warnings);
      const gapHours = Math.abs(Date.parse(temp_c.at) - Date.parse(rh_percent.at)) / 3_600_000;
      if (gapHours > MAX_READING_GAP_HOURS) notes.push(`temperature and humidity were read ${gapHours.toFixed(1)} h apart`);
      if (temp_c.value < 10) notes.push('cold stress is not scored: the heat index only measures heat');
    } else notes.push(`heat index not computed: ${result.reason}`);
  } else {
    if (temp_c === null) log.lack('environment.temp_c', 'an air temperature from the last 24 h');
    if (rh_percent === null) log.lack('environment.rh_percent', 'a relative humidity from the last 24 h');
  }

  if (pm25_24h_ugm3 !== null) {
    const result = runModel(aqiPm25Model, { pm25_24h_ugm3: pm25_24h_ugm3.value });
    if (result.ok) {
      log.have('environment.pm25_24h_ugm3');
      drafts.push({
        id: 'air_quality',
        label: `Air quality index, PM2.5 (${result.outputs.category})`,
        value: result.outputs.aqi,
        unit: 'AQI',
        subScore: ladderScore(AQI_LADDER, result.outputs.category),
        weight: ENVIRONMENTAL_WEIGHTS.air,
        model: result.ref,
      });
      notes.push(...result.warnings);
    } else notes.push(`AQI not computed: ${result.reason}`);
  } else log.lack('environment.pm25_24h_ugm3', 'a 24-hour PM2.5 concentration');

  const noise = valuesIn(f.days, 'noise_dba', { from: addDays(ctx.today, -(NOISE_DAYS - 1)), to: ctx.today });
  if (noise.length > 0) {
    log.have('days.noise_dba');
    const level = mean(noise);
    drafts.push({
      id: 'noise_exposure',
      label: `Noise exposure (mean of ${noise.length} day(s))`,
      value: level,
      unit: 'dBA',
      subScore: scoreOn(NOISE_CURVE, level),
      weight: ENVIRONMENTAL_WEIGHTS.noise,
      model: null,
    });
  } else log.lack('days.noise_dba', `environmental audio exposure on at least one of the last ${NOISE_DAYS} days`);

  const ambient = drafts.some((d) => d.id === 'heat_index' || d.id === 'air_quality');
  return twinResult('environmental', ctx, {
    drafts,
    log,
    insufficient: ambient
      ? null
      : 'no ambient reading (temperature with humidity, or PM2.5): noise alone describes hearing exposure, not the air around the person',
    windowDays: NOISE_DAYS,
    coverage: weightCoverage(drafts, TOTAL_WEIGHT),
    notes,
  });
}
