import type { AnyModel } from '../model.js';

/** The actigraphy models, in the order the calculators contract lists them. */
export const actigraphyModels: readonly AnyModel[] = [];
