import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** R's default quantile (type 7): linear interpolation between order statistics at h = (n − 1)p. */
const quantile7 = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
};

export const rhrCusumModel = defineModel({
  id: 'rhr-cusum',
  version: '1.0.0',
  title: 'Resting-heart-rate CuSum: one-sided cumulative sum of clipped standardized residuals',
  citation:
    'Mishra T, Wang M, Metwally AA, et al. Pre-symptomatic detection of COVID-19 from smartwatch data. Nat Biomed Eng 2020;4(12):1208-1220, doi:10.1038/s41551-020-00640-6. ' +
    'Rules reproduced from the reference implementation, github.com/mwgrassgreen/WearableDetection R/detection_fn.R (base.stand.res.fn, cusum.fn): ' +
    'z_clipped = min(max(z, -clip), clip) with clip 4; W_0 = 0, W_t = max(0, W_{t-1} + z_t - r), missing residuals skipped. ' +
    'When r is not given, r = (90th percentile of the clipped residuals, R quantile type 7) / 2, the reference default (test.r.fixed = FALSE, res.quan = 0.9).',
  inputSchema: Type.Object(
    {
      z_raw: Type.Array(Type.Union([Type.Number(), Type.Null()]), {
        minItems: 1,
        description: 'standardized RHR residuals in time order (the reference: hourly, against a 28-day baseline); null = missing hour, skipped',
      }),
      clip: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 4, description: 'residuals are clipped to [-clip, clip]' })),
      r: Type.Optional(Type.Number({ description: 'CuSum reference value (allowance) subtracted at each step' })),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    z_clipped: Type.Array(Type.Union([Type.Number(), Type.Null()])),
    W: Type.Array(Type.Union([Type.Number({ minimum: 0 }), Type.Null()]), { description: 'CuSum statistic after each residual; null where the residual is missing (W carries over)' }),
  }),
  compute({ z_raw, clip = 4, r }) {
    const z_clipped = z_raw.map((z) => (z === null ? null : Math.max(-clip, Math.min(clip, z))));
    const present = z_clipped.filter((z): z is number => z !== null);
    const warnings: string[] = [];
    let allowance = r;
    if (allowance === undefined) {
      allowance = present.length > 0 ? quantile7(present, 0.9) / 2 : 0;
      warnings.push(`r not given: used the reference default, 90th percentile of z_clipped / 2 = ${allowance}`);
    }
    let w = 0;
    const W = z_clipped.map((z) => {
      if (z === null) return null;
      w = Math.max(0, w + z - allowance);
      return w;
    });
    return { outputs: { z_clipped, W }, warnings };
  },
});
