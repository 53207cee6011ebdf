import type { AnyModel } from '../model.js';

/** The cardiorenal models, in the order the calculators contract lists them. */
export const cardiorenalModels: readonly AnyModel[] = [];
