import type { AnyModel } from '../model.js';

/** The questionnaires models, in the order the calculators contract lists them. */
export const questionnairesModels: readonly AnyModel[] = [];
