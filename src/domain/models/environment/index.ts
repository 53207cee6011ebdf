import type { AnyModel } from '../model.js';

/** The environment models, in the order the calculators contract lists them. */
export const environmentModels: readonly AnyModel[] = [];
