import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

/** Solves the 3×3 system A b = r by Gaussian elimination with partial pivoting; undefined when singular. */
const solve3 = (A: number[][], r: number[]): number[] | undefined => {
  const m = A.map((row, i) => [...row, r[i] ?? 0]);
  const scale = Math.max(...A.flat().map(Math.abs), 1e-300);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++) if (Math.abs(m[row]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = row;
    const p = m[pivot];
    if (!p || Math.abs(p[col] ?? 0) <= 1e-10 * scale) return undefined;
    [m[col], m[pivot]] = [p, m[col] ?? p];
    for (let row = 0; row < 3; row++) {
      const target = m[row];
      if (row === col || !target) continue;
      const factor = (target[col] ?? 0) / (p[col] ?? 1);
      for (let k = col; k < 4; k++) target[k] = (target[k] ?? 0) - factor * (p[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[3] ?? 0) / (row[i] ?? 1));
};

const noNegativeZero = (x: number) => (x === 0 ? 0 : x);

export const cosinorModel = defineModel({
  id: 'cosinor',
  version: '1.0.0',
  title: 'Single-component least-squares cosinor',
  citation:
    'Nelson W, Tong YL, Lee JK, Halberg F. Methods for cosinor-rhythmometry. Chronobiologia 1979;6(4):305-323; ' +
    'Cornelissen G. Cosinor-based rhythmometry. Theor Biol Med Model 2014;11:16, doi:10.1186/1742-4682-11-16. ' +
    'Model y(t) = M + A cos(2πt/τ + φ), fitted by ordinary least squares as M + β cos(2πt/τ) + γ sin(2πt/τ); A = √(β² + γ²), φ = atan2(−γ, β) in (−2π, 0].',
  inputSchema: Type.Object(
    {
      t_hours: Type.Array(Type.Number(), {
        minItems: 3,
        maxItems: 200_000,
        description: 'sample times in hours; t = 0 is local midnight for acrophase_clock_hours to be a clock time',
      }),
      y: Type.Array(Type.Number(), { minItems: 3, maxItems: 200_000, description: 'observations, one per t_hours' }),
      period_hours: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, maximum: 10_000, default: 24, description: 'τ, the fitted period (default 24)' }),
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    mesor: Type.Number({ description: 'M, the rhythm-adjusted mean' }),
    amplitude: Type.Number({ minimum: 0, description: 'A, half the peak-to-trough extent of the fitted cosine' }),
    acrophase_rad: Type.Number({
      description: 'φ in radians, Cornelissen 2014 convention: y = M + A cos(2πt/τ + φ), so φ = −2π·t_peak/τ, reported in (−2π, 0]',
    }),
    acrophase_clock_hours: Type.Number({
      minimum: 0,
      description: 'time of the fitted peak, t_peak = −φτ/2π, in [0, τ) hours after t = 0',
    }),
  }),
  compute({ t_hours, y, period_hours }) {
    const period = period_hours ?? 24;
    if (y.length !== t_hours.length) throw new ModelInputError('y', `y has ${y.length} values but t_hours has ${t_hours.length}`);
    const w = (2 * Math.PI) / period;
    // Normal equations of y = M + β cos ωt + γ sin ωt (Nelson et al. 1979; Cornelissen 2014 eq. 2).
    let n = 0;
    let sc = 0;
    let ss = 0;
    let scc = 0;
    let sss = 0;
    let scs = 0;
    let sy = 0;
    let syc = 0;
    let sys = 0;
    t_hours.forEach((t, i) => {
      const c = Math.cos(w * t);
      const s = Math.sin(w * t);
      const v = y[i] ?? 0;
      n += 1;
      sc += c;
      ss += s;
      scc += c * c;
      sss += s * s;
      scs += c * s;
      sy += v;
      syc += v * c;
      sys += v * s;
    });
    const solution = solve3(
      [
        [n, sc, ss],
        [sc, scc, scs],
        [ss, scs, sss],
      ],
      [sy, syc, sys],
    );
    if (!solution)
      throw new ModelInputError(
        't_hours',
        'the sample times do not determine a cosine of this period (all at the same phase, or too few distinct phases)',
      );
    const [mesor = NaN, beta = NaN, gamma = NaN] = solution;
    const amplitude = Math.hypot(beta, gamma);
    const warnings: string[] = [];
    let phi = Math.atan2(-gamma, beta);
    // Into (−2π, 0]; a rounding-level positive φ (peak at t = 0) is 0, not −2π.
    if (phi > 1e-12) phi -= 2 * Math.PI;
    else if (phi > 0) phi = 0;
    if (amplitude === 0) warnings.push('the fitted amplitude is zero: the acrophase is undefined and reported as 0');
    let clock = (-phi / w) % period;
    if (clock >= period) clock -= period;
    return {
      outputs: {
        mesor,
        amplitude,
        acrophase_rad: amplitude === 0 ? 0 : noNegativeZero(phi),
        acrophase_clock_hours: amplitude === 0 ? 0 : noNegativeZero(clock),
      },
      warnings,
    };
  },
});
