import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** Task Force 1996: short-term analysis should use 5-minute recordings. */
const SHORT_TERM_MS = 5 * 60_000;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Sample standard deviation (divisor n − 1): the recording is a sample of the person's rhythm and SDNN/SDSD
 * estimate its spread, so the unbiased variance is used, as Kubios HRV (the reference software that follows the
 * Task Force) and NeuroKit2 do. The population SD (divisor n) would be √((n−1)/n) smaller.
 */
const sampleSd = (xs: readonly number[]): number => {
  // Two-pass on values shifted by the first one: exact 0 for a constant series, no cancellation for large values.
  const shifted = xs.map((x) => x - xs[0]!);
  const m = mean(shifted);
  return Math.sqrt(shifted.reduce((acc, x) => acc + (x - m) ** 2, 0) / (xs.length - 1));
};

export const hrvTimeDomainModel = defineModel({
  id: 'hrv-time-domain',
  version: '1.0.0',
  title: 'Heart-rate variability, time-domain statistics of NN intervals',
  citation:
    'Task Force of the European Society of Cardiology and the North American Society of Pacing and Electrophysiology. Heart rate variability: standards of measurement, ' +
    'physiological interpretation and clinical use. Circulation 1996;93(5):1043-1065, doi:10.1161/01.CIR.93.5.1043 (Table 1). ' +
    'SDNN and SDSD are sample standard deviations (divisor n - 1). NN50 counts successive differences with |diff| > 50 ms; pNN50 = 100 * NN50 / (number of successive differences, N - 1) ' +
    '(the Task Force wording divides by "the total number of all NN intervals", N; the N - 1 denominator is the proportion of differences, as Kubios HRV and NeuroKit2 compute it). ' +
    'mean_hr_bpm = 60000 / mean_nn (beats per minute over the recording).',
  inputSchema: Type.Object(
    {
      nn_ms: Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }), {
        minItems: 3,
        description: 'successive normal-to-normal (artefact-free) inter-beat intervals in milliseconds; at least 3 (two differences) for SDSD',
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    mean_nn: Type.Number({ description: 'ms' }),
    sdnn: Type.Number({ description: 'ms, sample SD of the NN intervals' }),
    rmssd: Type.Number({ description: 'ms, root mean square of successive differences' }),
    sdsd: Type.Number({ description: 'ms, sample SD of successive differences' }),
    nn50: Type.Integer({ description: 'successive differences with |diff| > 50 ms' }),
    pnn50: Type.Number({ minimum: 0, maximum: 100, description: '%, NN50 / (N - 1) * 100' }),
    mean_hr_bpm: Type.Number({ description: '60000 / mean_nn' }),
  }),
  compute({ nn_ms }) {
    const diffs = nn_ms.slice(1).map((nn, i) => nn - nn_ms[i]!);
    const mean_nn = mean(nn_ms);
    const nn50 = diffs.filter((d) => Math.abs(d) > 50).length;
    const duration = nn_ms.reduce((a, b) => a + b, 0);
    const warnings =
      duration < SHORT_TERM_MS
        ? [`recording lasts ${(duration / 1000).toFixed(1)} s; the Task Force standard for short-term HRV is 5 minutes, so values are not comparable with published norms`]
        : [];
    return {
      outputs: {
        mean_nn,
        sdnn: sampleSd(nn_ms),
        rmssd: Math.sqrt(mean(diffs.map((d) => d * d))),
        sdsd: sampleSd(diffs),
        nn50,
        pnn50: (100 * nn50) / diffs.length,
        mean_hr_bpm: 60_000 / mean_nn,
      },
      warnings,
    };
  },
});
