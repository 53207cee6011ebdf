export { defineModel, ModelInputError, type AnyModel, type ModelDefinition, type ModelResult } from './model.js';
export { findModel, MODELS } from './registry.js';

/*
 * The model definitions themselves, typed (each with its own input and output schema), for domain code that calls a
 * model directly (src/domain/twin). The registry above lists the same objects untyped.
 */
export { sleepRegularityIndexModel } from './actigraphy/sleep-regularity-index.model.js';
export { ckdEpi2021Model } from './cardiorenal/ckd-epi-2021.model.js';
export { prevent2023Model } from './cardiorenal/prevent-2023.model.js';
export { ascvdRiskCategoryModel } from './cardiovascular/ascvd-risk-category.model.js';
export { pce2013Model } from './cardiovascular/pce-2013.model.js';
export { aqiPm25Model } from './environment/aqi-pm25.model.js';
export { heatIndexModel } from './environment/heat-index.model.js';
export { wbgtModel } from './environment/wbgt.model.js';
export { threeProcessModel } from './fatigue/three-process-model.model.js';
export { wakefulnessBacModel } from './fatigue/wakefulness-bac.model.js';
export { adaRiskTestModel } from './metabolic/ada-risk-test.model.js';
export { bloodPressureModel } from './metabolic/blood-pressure.model.js';
export { bmiModel } from './metabolic/bmi.model.js';
export { findriscModel } from './metabolic/findrisc.model.js';
export { glycemiaModel } from './metabolic/glycemia.model.js';
export { lipidsModel } from './metabolic/lipids.model.js';
export { gad7Model } from './questionnaires/gad7.model.js';
export { phq9Model } from './questionnaires/phq9.model.js';
