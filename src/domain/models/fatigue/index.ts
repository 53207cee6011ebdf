import type { AnyModel } from '../model.js';

/** The fatigue models, in the order the calculators contract lists them. */
export const fatigueModels: readonly AnyModel[] = [];
