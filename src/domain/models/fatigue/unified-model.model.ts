import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';
import { buildTimeline, epochSeries, timelineInputProperties } from './timeline.js';

/**
 * Unified model of performance (Rajdev et al. 2013; Ramakrishnan et al. 2016) as the FIPS R package implements it
 * (humanfactors/FIPS, R/simulation_unifiedfatiguemodel.R: unified_make_pvec, unified_simulate). Times in hours;
 * higher values mean more impairment (PVT lapses).
 *
 * - S awake:  S = U0 − (U0 − Sw)·e^(−t/τw)
 * - S asleep: S = Ss·e^(−t/τs) − 2·U0·(1 − e^(−t/τs)) + ((Ls + 2·U0)·τLA/(τLA − τs))·(e^(−t/τLA) − e^(−t/τs))
 * - L awake:  L = Lw·e^(−t/τLA) + U0·(1 − e^(−t/τLA));  L asleep: L = Ls·e^(−t/τLA) − 2·U0·(1 − e^(−t/τLA))
 * - C = Σ a_k·sin(k·ω·(tod + φ)), ω = 2π/24, a = 0.97, 0.22, 0.07, 0.03, 0.0001 (k = 1..5)
 * - W (sleep inertia) = wc·e^(wd·t) while awake, 0 asleep; reported, not part of fatigue (as in FIPS)
 * - fatigue = S + κ·C (FIPS's default formula `fatigue ~ s + I(kappa) * c`)
 * - S and L start at S0 and L0 at `start`, in whichever state the series starts. `sigma` is accepted for parity
 *   with FIPS's parameter vector and, as there, unused.
 */
export const UNIFIED_DEFAULTS = {
  U0: 24.12,
  L0: 0,
  S0: 0,
  phi: 2.02,
  kappa: 4.13,
  tau_s: 1,
  tau_w: 40,
  tau_la: 4.06 * 24,
  sigma: 1,
  wc: 1.14,
  wd: -0.46,
} as const;

type UnifiedParams = { -readonly [K in keyof typeof UNIFIED_DEFAULTS]: number };

const opt = (description: string) => Type.Optional(Type.Number({ description }));
const positive = (description: string) => Type.Optional(Type.Number({ exclusiveMinimum: 0, description }));

const ParamsSchema = Type.Object(
  {
    U0: opt('upper asymptote of S (default 24.12)'),
    L0: opt('lower asymptote L at the start (default 0)'),
    S0: opt('S at the start (default 0)'),
    phi: opt('circadian phase, hours (default 2.02)'),
    kappa: opt('weight of the circadian process in fatigue (default 4.13)'),
    tau_s: positive('time constant of S asleep, hours (default 1)'),
    tau_w: positive('time constant of S awake, hours (default 40)'),
    tau_la: positive('time constant of L, hours (default 4.06 × 24 = 97.44)'),
    sigma: opt('error term; unused, as in FIPS (default 1)'),
    wc: opt('sleep inertia at waking (default 1.14)'),
    wd: opt('recovery rate of sleep inertia, per hour (default −0.46)'),
  },
  { additionalProperties: false, description: 'overrides of the FIPS default parameters (unified_make_pvec names); omitted ones keep their defaults' },
);

const sWake = (p: UnifiedParams, sw: number, taw: number) => p.U0 - (p.U0 - sw) * Math.exp(-taw / p.tau_w);

const sSleep = (p: UnifiedParams, ss: number, tas: number, ls: number) => {
  const term1 = ss * Math.exp(-tas / p.tau_s);
  const term2 = -2 * p.U0 * (1 - Math.exp(-tas / p.tau_s));
  const term3 = (((ls + 2 * p.U0) * p.tau_la) / (p.tau_la - p.tau_s)) * (Math.exp(-tas / p.tau_la) - Math.exp(-tas / p.tau_s));
  return term1 + term2 + term3;
};

const lWake = (p: UnifiedParams, lw: number, taw: number) => lw * Math.exp(-taw / p.tau_la) + p.U0 * (1 - Math.exp(-taw / p.tau_la));

const lSleep = (p: UnifiedParams, ls: number, tas: number) => ls * Math.exp(-tas / p.tau_la) - 2 * p.U0 * (1 - Math.exp(-tas / p.tau_la));

const circadian = (tod: number, phi: number) => {
  const omega = (2 * Math.PI) / 24;
  const term1 = 0.97 * Math.sin(omega * (tod + phi));
  const term2 = 0.22 * Math.sin(2 * omega * (tod + phi));
  const term3 = 0.07 * Math.sin(3 * omega * (tod + phi));
  const term4 = 0.03 * Math.sin(4 * omega * (tod + phi));
  const term5 = 0.0001 * Math.sin(5 * omega * (tod + phi));
  return term1 + term2 + term3 + term4 + term5;
};

export const unifiedModel = defineModel({
  id: 'unified-model',
  version: '1.0.0',
  title: 'Unified model of performance (Rajdev et al. 2013; Ramakrishnan et al. 2016; FIPS implementation)',
  citation:
    'Rajdev P, Thorsley D, Rajaraman S, Rupp TL, Wesensten NJ, Balkin TJ, Reifman J. A unified mathematical model to quantify performance impairment for both chronic sleep restriction and total sleep deprivation. J Theor Biol 2013;331:66-77, doi:10.1016/j.jtbi.2013.04.013. ' +
    'Ramakrishnan S, Wesensten NJ, Balkin TJ, Reifman J. A unified model of performance: validation of its predictions across different sleep/wake schedules. Sleep 2016;39(1):249-262, doi:10.5665/sleep.5358. ' +
    'Implementation and default parameters reproduced: FIPS R package (Wilson MD, Strickland L, Ballard T. J Open Source Softw 2020;5(51):2340, doi:10.21105/joss.02340), unified_simulate.',
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
      l: Type.Number({ description: 'lower asymptote L (sleep-debt process)' }),
      c: Type.Number({ description: 'circadian process C' }),
      w: Type.Number({ description: 'sleep inertia W (0 asleep; not part of fatigue)' }),
      fatigue: Type.Number({ description: 's + kappa·c: predicted impairment (PVT lapses), higher is worse' }),
    }),
  }),
  compute(input) {
    const p: UnifiedParams = { ...UNIFIED_DEFAULTS };
    for (const [name, value] of Object.entries(input.params ?? {})) {
      if (value !== undefined) p[name as keyof UnifiedParams] = value;
    }
    if (!(p.tau_s > 0 && p.tau_w > 0 && p.tau_la > 0)) throw new ModelInputError('params', 'params: tau_s, tau_w and tau_la must be positive');
    if (p.tau_la === p.tau_s) throw new ModelInputError('params.tau_la', 'params.tau_la must differ from tau_s (the sleep equation divides by their difference)');

    const { epochs, warnings } = buildTimeline(input);
    let sAtWake = p.S0;
    let lAtWake = p.L0;
    let sAtSleep = p.S0;
    let lAtSleep = p.L0;
    const series = epochs.map((e) => {
      if (e.changed) {
        if (e.awake) {
          sAtWake = sSleep(p, sAtSleep, e.previous, lAtSleep);
          lAtWake = lSleep(p, lAtSleep, e.previous);
        } else {
          sAtSleep = sWake(p, sAtWake, e.previous);
          lAtSleep = lWake(p, lAtWake, e.previous);
        }
      }
      const s = e.awake ? sWake(p, sAtWake, e.duration) : sSleep(p, sAtSleep, e.duration, lAtSleep);
      const l = e.awake ? lWake(p, lAtWake, e.duration) : lSleep(p, lAtSleep, e.duration);
      const w = e.awake ? p.wc * Math.exp(p.wd * e.duration) : 0;
      const c = circadian(e.tod, p.phi);
      const fatigue = s + p.kappa * c;
      if (![s, l, c, w, fatigue].every(Number.isFinite)) throw new ModelInputError('params', 'params give a non-finite result');
      return { time: e.time, awake: e.awake, s, l, c, w, fatigue };
    });
    return { outputs: { series }, warnings };
  },
});
