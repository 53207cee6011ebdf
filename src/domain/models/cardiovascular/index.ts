import type { AnyModel } from '../model.js';

/** The cardiovascular models, in the order the calculators contract lists them. */
export const cardiovascularModels: readonly AnyModel[] = [];
