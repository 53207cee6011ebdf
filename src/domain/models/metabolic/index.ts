import type { AnyModel } from '../model.js';
import { adaRiskTestModel } from './ada-risk-test.model.js';
import { bloodPressureModel } from './blood-pressure.model.js';
import { bmiModel } from './bmi.model.js';
import { findriscModel } from './findrisc.model.js';
import { glycemiaModel } from './glycemia.model.js';
import { lipidsModel } from './lipids.model.js';

/** The metabolic models, in the order the calculators contract lists them. */
export const metabolicModels: readonly AnyModel[] = [findriscModel, adaRiskTestModel, bmiModel, bloodPressureModel, glycemiaModel, lipidsModel];
