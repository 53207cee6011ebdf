import type { AnyModel } from '../model.js';

/** The physiology models, in the order the calculators contract lists them. */
export const physiologyModels: readonly AnyModel[] = [];
