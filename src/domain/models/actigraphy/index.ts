import type { AnyModel } from '../model.js';
import { coleKripkeModel } from './cole-kripke.model.js';
import { cosinorModel } from './cosinor.model.js';
import { nonparametricCircadianModel } from './nonparametric-circadian.model.js';
import { sadehModel } from './sadeh.model.js';
import { sleepRegularityIndexModel } from './sleep-regularity-index.model.js';

/** The actigraphy models, in the order the calculators contract lists them. */
export const actigraphyModels: readonly AnyModel[] = [
  coleKripkeModel,
  sadehModel,
  nonparametricCircadianModel,
  cosinorModel,
  sleepRegularityIndexModel,
];
