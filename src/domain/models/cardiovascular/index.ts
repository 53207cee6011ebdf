import type { AnyModel } from '../model.js';
import { ascvdRiskCategoryModel } from './ascvd-risk-category.model.js';
import { framingham2008Model } from './framingham-2008.model.js';
import { pce2013Model } from './pce-2013.model.js';
import { pceRevised2018Model } from './pce-revised-2018.model.js';

/** The cardiovascular models, in the order the calculators contract lists them. */
export const cardiovascularModels: readonly AnyModel[] = [pce2013Model, pceRevised2018Model, framingham2008Model, ascvdRiskCategoryModel];
