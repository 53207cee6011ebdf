import type { AnyModel } from '../model.js';
import { hrvTimeDomainModel } from './hrv-time-domain.model.js';
import { nightsignalModel } from './nightsignal.model.js';
import { rhrCusumModel } from './rhr-cusum.model.js';

/** The physiology models, in the order the calculators contract lists them. */
export const physiologyModels: readonly AnyModel[] = [hrvTimeDomainModel, nightsignalModel, rhrCusumModel];
