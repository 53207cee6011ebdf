import type { AnyModel } from '../model.js';
import { threeProcessModel } from './three-process-model.model.js';
import { unifiedModel } from './unified-model.model.js';
import { wakefulnessBacModel } from './wakefulness-bac.model.js';

/** The fatigue models, in the order the calculators contract lists them. */
export const fatigueModels: readonly AnyModel[] = [threeProcessModel, unifiedModel, wakefulnessBacModel];
