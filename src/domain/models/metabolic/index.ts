import type { AnyModel } from '../model.js';
import { bmiModel } from './bmi.model.js';

/** The metabolic models, in the order the calculators contract lists them. */
export const metabolicModels: readonly AnyModel[] = [bmiModel];
