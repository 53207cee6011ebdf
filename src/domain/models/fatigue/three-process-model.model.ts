import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';
import { buildTimeline, epochSeries, timelineInputProperties } from './timeline.js';

/**
 * Three-process model of alertness (Åkerstedt & Folkard) with the Ingre et al. (2014) parameters, as the FIPS R
 * package implements it (humanfactors/FIPS, R/simulation_threeprocessmodel.R: TPM_make_pvec, TPM_simulate,
 * TPM_get_KSS_vector). Times in hours.
 *
 * - S awake:  S = la + (Sw − la)·e^(d·t)                          (Sw: S at waking)
 * - S asleep: bt = (bl − Ss) / (g·(bl − ha));
 *             t ≤ bt: S = Ss + t·g·(bl − ha)                      (linear, high-pressure sleep)
 *             t > bt: S = ha − (ha − bl)·e^(g·(t − bt))           (exponential, low-pressure sleep)
 * - C = Cm + Ca·cos(2π/24·(tod − p));  U = Um + Ua·cos(2π/12·(tod − p − 3))
 * - W (sleep inertia) = Wc·e^(Wd·t) while awake, 0 asleep
 * - alertness = S + C + U (FIPS's default formula `alertness ~ s + c + u`)
 * - KSS = KSS_intercept + KSS_beta·(S + C + U + W) (FIPS's TPM_get_KSS_vector; the README example prints
 *   KSS 10.3 at wake, which only the sum with W reproduces)
 * - S starts at S0 at `start` whether the series starts awake or asleep; W restarts at every waking (and at
 *   `start` if awake: FIPS treats the first epoch as just woken).
 *
 * FIPS quirk kept: when S at sleep onset is above bl, bt is negative and the exponential branch starts below Ss,
 * so a short sleep can lower S. This only happens after a long recovery sleep; the model warns when it does.
 */
export const TPM_DEFAULTS = {
  la: 2.4,
  ha: 14.3,
  d: -0.0353,
  g: Math.log((14.3 - 14) / (14.3 - 7.96)) / 8,
  bl: 12.2,
  Cm: 0,
  Ca: 2.5,
  p: 16.8,
  Um: -0.5,
  Ua: 0.5,
  Wc: -5.72,
  Wd: -1.51,
  S0: 7.96,
  KSS_intercept: 10.6,
  KSS_beta: -0.6,
} as const;

type TpmParams = { -readonly [K in keyof typeof TPM_DEFAULTS]: number };

const DESCRIPTIONS: Record<keyof TpmParams, string> = {
  la: 'low asymptote of S (default 2.4)',
  ha: 'high asymptote of S (default 14.3)',
  d: 'decay rate of S awake, per hour (default −0.0353)',
  g: 'recovery rate of S asleep, per hour (default ln((14.3 − 14)/(14.3 − 7.96))/8 ≈ −0.3814)',
  bl: 'break level of S where sleep recovery turns exponential (default 12.2)',
  Cm: 'mesor of the 24 h circadian process C (default 0)',
  Ca: 'amplitude of C (default 2.5)',
  p: 'clock hour of the peak of C (default 16.8)',
  Um: 'mesor of the 12 h process U (default −0.5)',
  Ua: 'amplitude of U (default 0.5)',
  Wc: 'sleep inertia at waking (default −5.72)',
  Wd: 'recovery rate of sleep inertia, per hour (default −1.51)',
  S0: 'S at the start of the simulation (default 7.96)',
  KSS_intercept: 'KSS = KSS_intercept + KSS_beta·(S + C + U + W) (default 10.6)',
  KSS_beta: 'see KSS_intercept (default −0.6)',
};

const opt = (name: keyof TpmParams) => Type.Optional(Type.Number({ description: DESCRIPTIONS[name] }));

const ParamsSchema = Type.Object(
  {
    la: opt('la'),
    ha: opt('ha'),
    d: opt('d'),
    g: opt('g'),
    bl: opt('bl'),
    Cm: opt('Cm'),
    Ca: opt('Ca'),
    p: opt('p'),
    Um: opt('Um'),
    Ua: opt('Ua'),
    Wc: opt('Wc'),
    Wd: opt('Wd'),
    S0: opt('S0'),
    KSS_intercept: opt('KSS_intercept'),
    KSS_beta: opt('KSS_beta'),
  },
  { additionalProperties: false, description: 'overrides of the FIPS default parameters (TPM_make_pvec names); omitted ones keep their defaults' },
);

const sWake = (p: TpmParams, sw: number, taw: number) => p.la + (sw - p.la) * Math.exp(p.d * taw);

const sSleep = (p: TpmParams, ss: number, tas: number) => {
  const breaktime = (p.bl - ss) / (p.g * (p.bl - p.ha));
  return tas <= breaktime ? ss + tas * (p.g * (p.bl - p.ha)) : p.ha - (p.ha - p.bl) * Math.exp(p.g * (tas - breaktime));
};

export const threeProcessModel = defineModel({
  id: 'three-process-model',
  version: '1.0.0',
  title: 'Three-process model of alertness (Åkerstedt & Folkard; Ingre et al. 2014 parameters; FIPS implementation)',
  citation:
    'Åkerstedt T, Folkard S. The three-process model of alertness and its extension to performance, sleep latency, and sleep length. Chronobiol Int 1997;14(2):115-123, doi:10.3109/07420529709001149. ' +
    'Parameters and KSS mapping: Ingre M, Van Leeuwen W, Klemets T, Ullvetter C, Hough S, Kecklund G, Karlsson D, Åkerstedt T. Validating and extending the three process model of alertness in airline operations. PLoS One 2014;9(10):e108679, doi:10.1371/journal.pone.0108679. ' +
    'Implementation reproduced: FIPS R package (Wilson MD, Strickland L, Ballard T. FIPS: an R package for biomathematical modelling of human fatigue related impairment. J Open Source Softw 2020;5(51):2340, doi:10.21105/joss.02340), TPM_simulate.',
  inputSchema: Type.Object(
    {
      ...timelineInputProperties,
      params: Type.Optional(ParamsSchema),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    series: epochSeries({
      s: Type.Number({ description: 'homeostatic process S' }),
      c: Type.Number({ description: '24 h circadian process C' }),
      u: Type.Number({ description: '12 h circadian process U' }),
      w: Type.Number({ description: 'sleep inertia W (0 asleep)' }),
      kss: Type.Number({ description: 'predicted Karolinska Sleepiness Scale, KSS_intercept + KSS_beta·(s + c + u + w); unclamped' }),
      alertness: Type.Number({ description: 's + c + u' }),
    }),
  }),
  compute(input) {
    const overrides = input.params ?? {};
    const p: TpmParams = { ...TPM_DEFAULTS };
    for (const [name, value] of Object.entries(overrides)) {
      if (value !== undefined) p[name as keyof TpmParams] = value;
    }
    if (p.g === 0 || p.bl === p.ha) throw new ModelInputError('params', 'params: g must be non-zero and bl must differ from ha (sleep recovery is undefined otherwise)');

    const { epochs, warnings } = buildTimeline(input);
    if (Object.entries(overrides).some(([name, value]) => value !== undefined && value !== TPM_DEFAULTS[name as keyof TpmParams])) {
      warnings.push('parameters differ from the FIPS defaults: the KSS mapping was calibrated for the default parameterisation only (FIPS warns likewise)');
    }

    let sAtWake = p.S0;
    let sAtSleep = p.S0;
    let aboveBreak = !(epochs[0]?.awake ?? true) && sAtSleep > p.bl;
    const series = epochs.map((e) => {
      if (e.changed) {
        if (e.awake) sAtWake = sSleep(p, sAtSleep, e.previous);
        else {
          sAtSleep = sWake(p, sAtWake, e.previous);
          if (sAtSleep > p.bl) aboveBreak = true;
        }
      }
      const s = e.awake ? sWake(p, sAtWake, e.duration) : sSleep(p, sAtSleep, e.duration);
      const w = e.awake ? p.Wc * Math.exp(p.Wd * e.duration) : 0;
      const c = p.Cm + p.Ca * Math.cos(((2 * Math.PI) / 24) * (e.tod - p.p));
      const u = p.Um + p.Ua * Math.cos(((2 * Math.PI) / 12) * (e.tod - p.p - 3));
      const kss = p.KSS_intercept + p.KSS_beta * (s + c + u + w);
      const alertness = s + c + u;
      if (![s, c, u, w, kss].every(Number.isFinite)) throw new ModelInputError('params', 'params give a non-finite result');
      return { time: e.time, awake: e.awake, s, c, u, w, kss, alertness };
    });
    if (aboveBreak) {
      warnings.push(
        'S was above the break level bl at a sleep onset: FIPS then starts sleep on its exponential branch below the S at sleep onset, so a short sleep there lowers S (kept for fidelity to FIPS)',
      );
    }
    return { outputs: { series }, warnings };
  },
});
