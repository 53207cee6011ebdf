import { actigraphyModels } from './actigraphy/index.js';
import { cardiorenalModels } from './cardiorenal/index.js';
import { cardiovascularModels } from './cardiovascular/index.js';
import { environmentModels } from './environment/index.js';
import { fatigueModels } from './fatigue/index.js';
import { metabolicModels } from './metabolic/index.js';
import type { AnyModel } from './model.js';
import { physiologyModels } from './physiology/index.js';
import { questionnairesModels } from './questionnaires/index.js';

/** Every model the server offers, once. The calculators API and the twin engine both read this list. */
export const MODELS: readonly AnyModel[] = [
  ...cardiovascularModels,
  ...cardiorenalModels,
  ...metabolicModels,
  ...questionnairesModels,
  ...fatigueModels,
  ...actigraphyModels,
  ...physiologyModels,
  ...environmentModels,
];

const BY_ID = new Map(MODELS.map((model) => [model.id, model]));
if (BY_ID.size !== MODELS.length) throw new Error('two models share an id');

export const findModel = (id: string): AnyModel | undefined => BY_ID.get(id);
