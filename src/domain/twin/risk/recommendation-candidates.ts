import type { SimulationChange } from '../simulation/index.js';
import type { TwinFeatures } from '../twin-features.js';
import { bmiOf } from '../model-inputs/index.js';

export type RecommendationCategory = 'sleep' | 'activity' | 'weight' | 'smoking' | 'blood_pressure' | 'nutrition';

/** A guideline action and the simulation change that models it; kept only if the scorer shows it lowers a twin's risk. */
export interface RecommendationCandidate {
  readonly category: RecommendationCategory;
  readonly action: string;
  readonly change: SimulationChange;
  /** how the change is modelled, in words */
  readonly modelled_as: string;
  readonly source: string;
}

const SLEEP_TARGET_HOURS = 7;
const SLEEP_NIGHTS = 7;
const STEPS_TARGET = 8000;
const EXERCISE_TARGET_MIN_PER_DAY = 150 / 7;
/** days of data before a daily habit is judged */
const MIN_DAYS = 7;

/** 8000 → "8,000" (no locale data involved). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const known = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null);

/** The candidate actions whose precondition the person meets (short sleep, few steps, …), from guideline targets. */
export function recommendationCandidates(f: TwinFeatures): RecommendationCandidate[] {
  const out: RecommendationCandidate[] = [];
  const recent = f.nights.slice(-SLEEP_NIGHTS);
  if (recent.some((n) => n.asleep_minutes < SLEEP_TARGET_HOURS * 60)) {
    out.push({
      category: 'sleep',
      action: `Sleep at least ${SLEEP_TARGET_HOURS} hours a night, starting tonight (go to bed earlier)`,
      change: { type: 'sleep_minimum', hours: SLEEP_TARGET_HOURS, nights: SLEEP_NIGHTS },
      modelled_as: `each of the last ${SLEEP_NIGHTS} nights lengthened to at least ${SLEEP_TARGET_HOURS} h asleep`,
      source:
        'Watson NF et al. Recommended amount of sleep for a healthy adult: a joint consensus statement of the AASM and SRS. Sleep 2015;38(6):843-844, doi:10.5665/sleep.4716 (7 hours or more per night).',
    });
  }
  const steps = known(f.days.map((d) => d.steps));
  if (steps.length >= MIN_DAYS && mean(steps) < STEPS_TARGET) {
    const delta = Math.ceil((STEPS_TARGET - mean(steps)) / 500) * 500;
    out.push({
      category: 'activity',
      action: `Walk about ${thousands(delta)} more steps a day (towards ${thousands(STEPS_TARGET)})`,
      change: { type: 'steps', delta_per_day: delta },
      modelled_as: `+${delta} steps on every day with a step count`,
      source:
        'Paluch AE et al. Daily steps and all-cause mortality: a meta-analysis of 15 international cohorts. Lancet Public Health 2022;7(3):e219-e228, doi:10.1016/S2468-2667(21)00302-9 (risk falls with more steps up to about 6,000-8,000 a day after 60 and 8,000-10,000 before).',
    });
  }
  const exercise = known(f.days.map((d) => d.exercise_minutes));
  if (exercise.length >= MIN_DAYS && mean(exercise) < EXERCISE_TARGET_MIN_PER_DAY) {
    const delta = Math.ceil(EXERCISE_TARGET_MIN_PER_DAY - mean(exercise));
    out.push({
      category: 'activity',
      action: 'Build up to 150 minutes of moderate exercise a week',
      change: { type: 'exercise_minutes', delta_per_day: delta },
      modelled_as: `+${delta} exercise minutes on every day with a value`,
      source:
        'Bull FC et al. World Health Organization 2020 guidelines on physical activity and sedentary behaviour. Br J Sports Med 2020;54(24):1451-1462, doi:10.1136/bjsports-2020-102955 (150-300 min/week of moderate activity).',
    });
  }
  const bmi = bmiOf(f)?.value ?? null;
  if (bmi !== null && bmi >= 25) {
    out.push({
      category: 'weight',
      action: 'Lose 5 % of body weight',
      change: { type: 'weight_percent', percent: -5 },
      modelled_as: 'weight (and so BMI) 5 % lower; waist left as measured',
      source:
        'Knowler WC et al. (Diabetes Prevention Program). Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin. N Engl J Med 2002;346(6):393-403, doi:10.1056/NEJMoa012512; ADA Standards of Care, section 8 (≥ 5 % weight loss in overweight and obesity).',
    });
  }
  if (f.history.smoker === true) {
    out.push({
      category: 'smoking',
      action: 'Stop smoking (ask about support and nicotine replacement)',
      change: { type: 'quit_smoking' },
      modelled_as: 'non-smoker',
      source:
        'Arnett DK et al. 2019 ACC/AHA Guideline on the Primary Prevention of Cardiovascular Disease. Circulation 2019;140(11):e596-e646, doi:10.1161/CIR.0000000000000678 (tobacco cessation, section 4.6).',
    });
  }
  if (f.blood_pressure !== null && f.blood_pressure.sbp_mmhg >= 130) {
    out.push({
      category: 'blood_pressure',
      action: 'Adopt the DASH eating pattern and review blood pressure with a clinician (target below 130/80)',
      change: { type: 'blood_pressure', sbp_delta_mmhg: -11.4, dbp_delta_mmhg: -5.5 },
      modelled_as: 'mean blood pressure 11.4/5.5 mmHg lower, the DASH diet’s effect in people with hypertension',
      source:
        'Appel LJ et al. A clinical trial of the effects of dietary patterns on blood pressure (DASH). N Engl J Med 1997;336(16):1117-1124, doi:10.1056/NEJM199704173361601; Whelton PK et al. 2017 ACC/AHA guideline, Table 15.',
    });
  }
  if (f.history.veg_fruit_daily === false) {
    out.push({
      category: 'nutrition',
      action: 'Eat vegetables, fruit or berries every day',
      change: { type: 'veg_fruit_daily' },
      modelled_as: 'vegetables or fruit every day',
      source:
        'Lindström J, Tuomilehto J. Diabetes Care 2003;26(3):725-731 (FINDRISC item); WHO healthy diet fact sheet (at least 400 g of fruit and vegetables a day).',
    });
  }
  return out;
}
