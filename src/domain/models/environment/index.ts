import type { AnyModel } from '../model.js';
import { aqiPm25Model } from './aqi-pm25.model.js';
import { heatIndexModel } from './heat-index.model.js';
import { wbgtModel } from './wbgt.model.js';

/** The environment models, in the order the calculators contract lists them. */
export const environmentModels: readonly AnyModel[] = [heatIndexModel, wbgtModel, aqiPm25Model];
