import type { AnyModel } from '../model.js';
import { ckdEpi2021Model } from './ckd-epi-2021.model.js';
import { prevent2023Model } from './prevent-2023.model.js';

/** The cardiorenal models, in the order the calculators contract lists them. */
export const cardiorenalModels: readonly AnyModel[] = [prevent2023Model, ckdEpi2021Model];
