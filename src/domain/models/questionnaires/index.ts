import type { AnyModel } from '../model.js';
import { epworthModel } from './epworth.model.js';
import { gad7Model } from './gad7.model.js';
import { karolinskaModel } from './karolinska.model.js';
import { phq9Model } from './phq9.model.js';

/** The questionnaires models, in the order the calculators contract lists them. */
export const questionnairesModels: readonly AnyModel[] = [phq9Model, gad7Model, epworthModel, karolinskaModel];
