import type { FitnessRules } from './fitness-rules.schema.js';

const KSS_SCALE =
  'Åkerstedt T, Gillberg M. Subjective and objective sleepiness in the active individual. Int J Neurosci 1990;52(1-2):29-37, doi:10.3109/00207459008994241 (the KSS: 7 = sleepy, no effort to stay awake; 8 = sleepy, some effort; 9 = fighting sleep).';
const KSS_7 =
  'Åkerstedt T, Anund A, Axelsson J, Kecklund G. Subjective sleepiness is a sensitive indicator of insufficient sleep and impaired waking function. J Sleep Res 2014;23(3):242-254, doi:10.1111/jsr.12158 (impairment of driving and of physiological alertness measures rises from KSS 7 upwards). ' +
  KSS_SCALE;
const KSS_8 =
  'Ingre M, Åkerstedt T, Peters B, Anund A, Kecklund G. Subjective sleepiness, simulated driving performance and blink duration: examining individual differences. J Sleep Res 2006;15(1):47-53, doi:10.1111/j.1365-2869.2006.00500.x (line crossings and blink duration rise steeply at KSS 8-9). ' +
  KSS_SCALE;
const BAC_05 =
  'Dawson D, Reid K. Fatigue, alcohol and performance impairment. Nature 1997;388:235, doi:10.1038/40775; Williamson AM, Feyer AM. Occup Environ Med 2000;57(10):649-655, doi:10.1136/oem.57.10.649 (17-19 h awake impairs like a BAC of 0.05 %, the drink-driving limit in most European countries and Australia); computed by the wakefulness-bac model.';
const HEAT =
  'NOAA National Weather Service heat index chart (the heat-index model): extreme caution from 90 °F (32.2 °C), danger from 103 °F (39.4 °C), extreme danger from 125 °F (51.7 °C); OSHA, Using the Heat Index: a Guide for Employers (protective measures rise with each band).';

/**
 * The rules an organisation gets unless it supplies its own (same shape, validated by FitnessRulesSchema). They are a
 * screening aid for a supervisor or occupational-health service, not a medical fitness certificate; each cites why.
 */
export const DEFAULT_FITNESS_RULES: FitnessRules = {
  name: 'homeostat-default-1',
  max_validity_hours: 24,
  sleep_data: {
    lookback_hours: 72,
    max_hours_since_sleep: 36,
    required_for: ['heavy_physical', 'driving', 'height_work', 'confined_space'],
  },
  overall_score_twins: ['fatigue', 'cardiac', 'occupational', 'environmental'],
  rules: [
    {
      id: 'kss_sleepy',
      condition: { measure: 'kss', at_least: 7 },
      clearances: ['driving'],
      outcome: 'cleared_with_restrictions',
      restriction_type: 'driving',
      restriction: 'No long or night-time drives; stop and rest at the first sign of sleepiness',
      reason: 'Predicted sleepiness KSS 7 or more (sleepy)',
      source: KSS_7,
    },
    {
      id: 'kss_sleepy_safety_critical',
      condition: { measure: 'kss', at_least: 7 },
      clearances: ['heavy_physical', 'height_work', 'confined_space'],
      outcome: 'cleared_with_caution',
      restriction_type: 'safety_critical_work',
      restriction: 'Work with a second person and take regular breaks',
      reason: 'Predicted sleepiness KSS 7 or more (sleepy)',
      source: KSS_7,
    },
    {
      id: 'kss_fighting_sleep',
      condition: { measure: 'kss', at_least: 8 },
      clearances: ['driving', 'height_work', 'confined_space'],
      outcome: 'not_cleared',
      restriction_type: 'safety_critical_work',
      restriction: 'No driving, work at height or in confined spaces until after sleep',
      reason: 'Predicted sleepiness KSS 8 or more (effort needed to stay awake)',
      source: KSS_8,
    },
    {
      id: 'wakefulness_bac_005',
      condition: { measure: 'bac_equivalent_percent', at_least: 0.05 },
      clearances: ['driving', 'height_work', 'confined_space'],
      outcome: 'not_cleared',
      restriction_type: 'safety_critical_work',
      restriction: 'No driving, work at height or in confined spaces until after sleep',
      reason: 'Awake long enough (about 17 h) to be impaired like a blood alcohol of 0.05 %',
      source: BAC_05,
    },
    {
      id: 'bp_crisis_exertion',
      condition: { measure: 'bp_category', at_least: 'hypertensive_crisis' },
      clearances: ['moderate_physical', 'heavy_physical'],
      outcome: 'not_cleared',
      restriction_type: 'physical_exertion',
      restriction: 'No strenuous work until blood pressure has been assessed by a clinician',
      reason: 'Blood pressure in the hypertensive-crisis range (above 180/120 mmHg)',
      source:
        'Whelton PK et al. 2017 ACC/AHA high blood pressure guideline, Hypertension 2018;71:e13-e115, section 11.2 (SBP > 180 and/or DBP > 120 mmHg needs prompt evaluation for target-organ damage); exertion is deferred until then as a precaution.',
    },
    {
      id: 'bp_crisis_professional_driving',
      condition: { measure: 'bp_category', at_least: 'hypertensive_crisis' },
      clearances: ['driving'],
      outcome: 'cleared_with_restrictions',
      restriction_type: 'driving',
      restriction: 'No professional (bus or lorry) driving until blood pressure is controlled',
      reason: 'Blood pressure in the hypertensive-crisis range (above 180/120 mmHg)',
      source:
        'DVLA (UK), Assessing fitness to drive: a guide for medical professionals, chapter 2 (hypertension): Group 2 (bus and lorry) drivers must not drive if resting blood pressure is consistently 180 mmHg systolic or more and/or 100 mmHg diastolic or more; Group 1 (car) drivers need not stop unless treatment causes symptoms.',
    },
    {
      id: 'bp_stage_2_heavy_lifting',
      condition: { measure: 'bp_category', at_least: 'stage_2' },
      clearances: ['heavy_physical'],
      outcome: 'cleared_with_caution',
      restriction_type: 'heavy_lifting',
      restriction: 'Avoid maximal lifts and holding the breath while straining',
      reason: 'Stage 2 hypertension',
      source:
        'MacDougall JD, Tuxen D, Sale DG, Moroz JR, Sutton JR. Arterial blood pressure response to heavy resistance exercise. J Appl Physiol 1985;58(3):785-790, doi:10.1152/jappl.1985.58.3.785 (near-maximal lifts with a Valsalva manoeuvre raise blood pressure to several hundred mmHg); category per ACC/AHA 2017.',
    },
    {
      id: 'cardiac_twin_poor',
      condition: { measure: 'cardiac_twin_score', below: 50 },
      clearances: ['heavy_physical'],
      outcome: 'cleared_with_restrictions',
      restriction_type: 'heavy_lifting',
      restriction: 'Avoid heavy lifting and carrying until reviewed by occupational health',
      reason: 'Cardiac risk elevated (cardiac twin in its poor band)',
      source:
        'Homeostat cardiac twin band "poor" (score < 50, docs/models.md): a screening signal built from the cited models behind the twin, not a diagnosis; it asks for a review rather than stopping work.',
    },
    {
      id: 'fatigue_twin_poor',
      condition: { measure: 'fatigue_twin_score', below: 50 },
      clearances: ['driving', 'height_work'],
      outcome: 'cleared_with_caution',
      restriction_type: 'fatigue',
      restriction: 'Plan breaks; avoid extending the shift',
      reason: 'Accumulated fatigue (fatigue twin in its poor band)',
      source:
        'Homeostat fatigue twin band "poor" (score < 50, docs/models.md): sleep debt over several nights impairs performance even when momentary sleepiness is low (Van Dongen HPA et al. Sleep 2003;26(2):117-126, doi:10.1093/sleep/26.2.117).',
    },
    {
      id: 'heat_extreme_caution',
      condition: { measure: 'heat_index_c', at_least: ((90 - 32) * 5) / 9 },
      clearances: ['heavy_physical'],
      outcome: 'cleared_with_caution',
      restriction_type: 'heat',
      restriction: 'Drink water every 15-20 minutes and take rest breaks in the shade',
      reason: 'Heat index in the extreme-caution band (32 °C / 90 °F or more)',
      source: HEAT,
    },
    {
      id: 'heat_danger',
      condition: { measure: 'heat_index_c', at_least: ((103 - 32) * 5) / 9 },
      clearances: ['heavy_physical'],
      outcome: 'cleared_with_restrictions',
      restriction_type: 'heat',
      restriction: 'Heavy work only with scheduled work/rest cycles under the employer’s heat plan',
      reason: 'Heat index in the danger band (39 °C / 103 °F or more)',
      source: HEAT,
    },
    {
      id: 'heat_danger_moderate',
      condition: { measure: 'heat_index_c', at_least: ((103 - 32) * 5) / 9 },
      clearances: ['moderate_physical'],
      outcome: 'cleared_with_caution',
      restriction_type: 'heat',
      restriction: 'Drink water every 15-20 minutes and take rest breaks in the shade',
      reason: 'Heat index in the danger band (39 °C / 103 °F or more)',
      source: HEAT,
    },
    {
      id: 'heat_extreme_danger',
      condition: { measure: 'heat_index_c', at_least: ((125 - 32) * 5) / 9 },
      clearances: ['moderate_physical', 'heavy_physical'],
      outcome: 'not_cleared',
      restriction_type: 'heat',
      restriction: 'No outdoor physical work',
      reason: 'Heat index in the extreme-danger band (52 °C / 125 °F or more)',
      source: HEAT,
    },
    {
      id: 'spo2_low',
      condition: { measure: 'spo2_min_percent', below: 90 },
      clearances: ['height_work', 'confined_space'],
      outcome: 'cleared_with_caution',
      restriction_type: 'oxygenation',
      restriction: 'Confirm oxygen saturation with a clinical oximeter before work at height or in confined spaces',
      reason: 'A wearable SpO2 reading below 90 % in the last day',
      source:
        'O’Driscoll BR, Howard LS, Earis J, Mak V. BTS guideline for oxygen use in adults in healthcare and emergency settings. Thorax 2017;72(Suppl 1):ii1-ii90, doi:10.1136/thoraxjnl-2016-209729 (normal SpO2 94-98 %; below 90 % is hypoxaemia needing assessment). Wrist oximetry is less accurate than a clinical oximeter, hence caution rather than a stop.',
    },
  ],
};
