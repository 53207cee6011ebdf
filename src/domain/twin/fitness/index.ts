export {
  assessFitnessToWork,
  fatigueForecastUnder,
  type ClearanceBasis,
  type FitnessRestriction,
  type FitnessStatus,
  type FitnessToWork,
  type ValidUntilReason,
} from './assess-fitness.js';
export { DEFAULT_FITNESS_RULES } from './default-fitness-rules.js';
export {
  CLEARANCE_STATUSES,
  CLEARANCES,
  FitnessRuleSchema,
  FitnessRulesSchema,
  type Clearance,
  type ClearanceStatus,
  type FitnessRule,
  type FitnessRules,
} from './fitness-rules.schema.js';
export { loadFitnessRules, parseFitnessRules } from './load-fitness-rules.js';
