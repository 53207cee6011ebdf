import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

/** Water vapour pressure (hPa) from air temperature (°C) and RH (%), as the Bureau of Meteorology gives it. */
const vapourPressureHpa = (ta: number, rh: number): number => (rh / 100) * 6.105 * Math.exp((17.27 * ta) / (237.7 + ta));

/** Australian Bureau of Meteorology approximation: WBGT = 0.567·Ta + 0.393·e + 3.94. */
export const bomWbgtC = (ta: number, rh: number): number => 0.567 * ta + 0.393 * vapourPressureHpa(ta, rh) + 3.94;

/** NIOSH 2016 (section 8.1) limits, WBGT °C for a time-weighted metabolic rate M in watts. */
export const nioshRalC = (m: number): number => 59.9 - 14.1 * Math.log10(m);
export const nioshRelC = (m: number): number => 56.7 - 11.5 * Math.log10(m);

export const wbgtModel = defineModel({
  id: 'wbgt',
  version: '1.0.0',
  title: 'Wet-bulb globe temperature (ISO 7243) with NIOSH 2016 exposure limits',
  citation:
    'ISO 7243:2017 Ergonomics of the thermal environment — Assessment of heat stress using the WBGT (wet bulb globe temperature) index: outdoors with solar load WBGT = 0.7·Tnw + 0.2·Tg + 0.1·Ta, indoors/without solar load WBGT = 0.7·Tnw + 0.3·Tg. Estimate without globe and wet-bulb readings: Australian Bureau of Meteorology, "Thermal Comfort observations — About the WBGT and Apparent Temperature", WBGT = 0.567·Ta + 0.393·e + 3.94 with e = RH/100 · 6.105 · exp(17.27·Ta/(237.7 + Ta)) hPa. Limits: Jacklitsch B, Williams WJ, Musolin K, Coca A, Kim J-H, Turner N. NIOSH Criteria for a Recommended Standard: Occupational Exposure to Heat and Hot Environments. DHHS (NIOSH) Publication 2016-106, section 8.1: RAL (unacclimatized) = 59.9 − 14.1·log10 M, REL (acclimatized) = 56.7 − 11.5·log10 M, M in W.',
  inputSchema: Type.Object(
    {
      t_nwb_c: Type.Optional(Type.Number({ minimum: -40, maximum: 60, description: 'natural wet-bulb temperature, °C' })),
      t_globe_c: Type.Optional(Type.Number({ minimum: -40, maximum: 120, description: 'black globe temperature, °C' })),
      t_air_c: Type.Optional(Type.Number({ minimum: -40, maximum: 60, description: 'air (dry-bulb) temperature, °C' })),
      outdoor: Type.Optional(Type.Boolean({ description: 'outdoors with solar load (then t_air_c is needed); false = indoors or without solar load' })),
      rh_percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'relative humidity, %, for the estimate from t_air_c when no globe/wet-bulb readings are given' })),
      metabolic_rate_w: Type.Optional(Type.Number({ minimum: 50, maximum: 2000, description: 'time-weighted metabolic rate, W (NIOSH standard worker: 70 kg, 1.8 m²)' })),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    wbgt_c: Type.Number({ description: '°C, unrounded' }),
    ral_unacclimatized_c: Type.Optional(Type.Number({ description: 'NIOSH recommended alert limit (unacclimatized workers), WBGT °C; only with metabolic_rate_w' })),
    rel_acclimatized_c: Type.Optional(Type.Number({ description: 'NIOSH recommended exposure limit (acclimatized workers), WBGT °C; only with metabolic_rate_w' })),
  }),
  compute(input) {
    const { t_nwb_c, t_globe_c, t_air_c, outdoor, rh_percent, metabolic_rate_w } = input;
    const warnings: string[] = [];
    let wbgt_c: number;
    if (t_nwb_c !== undefined || t_globe_c !== undefined) {
      if (t_nwb_c === undefined) throw new ModelInputError('t_nwb_c', 'a measured WBGT needs both t_nwb_c and t_globe_c');
      if (t_globe_c === undefined) throw new ModelInputError('t_globe_c', 'a measured WBGT needs both t_nwb_c and t_globe_c');
      if (outdoor === undefined) throw new ModelInputError('outdoor', 'say whether the measurement is outdoors with solar load (true) or indoors (false)');
      if (outdoor) {
        if (t_air_c === undefined) throw new ModelInputError('t_air_c', 'the outdoor WBGT needs t_air_c');
        wbgt_c = 0.7 * t_nwb_c + 0.2 * t_globe_c + 0.1 * t_air_c;
      } else {
        wbgt_c = 0.7 * t_nwb_c + 0.3 * t_globe_c;
        if (t_air_c !== undefined) warnings.push('t_air_c ignored: the indoor WBGT (ISO 7243) uses only the natural wet-bulb and globe temperatures');
      }
      if (rh_percent !== undefined) warnings.push('rh_percent ignored: measured wet-bulb and globe temperatures were given');
    } else {
      if (t_air_c === undefined) throw new ModelInputError('t_air_c', 'give t_nwb_c and t_globe_c (measured), or t_air_c and rh_percent (estimate)');
      if (rh_percent === undefined) throw new ModelInputError('rh_percent', 'the estimate from air temperature needs rh_percent (or give t_nwb_c and t_globe_c)');
      wbgt_c = bomWbgtC(t_air_c, rh_percent);
      warnings.push(
        'Estimated, not measured: WBGT from air temperature and humidity by the Australian Bureau of Meteorology approximation (0.567·Ta + 0.393·e + 3.94); it does not take account of the actual solar radiation or wind, so it is not an ISO 7243 measurement and can be far off in full sun',
      );
      if (outdoor !== undefined) warnings.push('outdoor ignored: the Bureau of Meteorology approximation has no separate indoor/outdoor form');
    }

    if (metabolic_rate_w === undefined) return { outputs: { wbgt_c }, warnings };
    return {
      outputs: { wbgt_c, ral_unacclimatized_c: nioshRalC(metabolic_rate_w), rel_acclimatized_c: nioshRelC(metabolic_rate_w) },
      warnings,
    };
  },
});
