import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

export const sleepRegularityIndexModel = defineModel({
  id: 'sleep-regularity-index',
  version: '1.0.0',
  title: 'Sleep Regularity Index (SRI)',
  citation:
    "Phillips AJK, Clerx WM, O'Brien CS, et al. Irregular sleep/wake patterns are associated with poorer academic performance and delayed circadian and sleep/wake timing. Sci Rep 2017;7:3216, doi:10.1038/s41598-017-03171-4. " +
    'SRI = −100 + 200/(M(N − 1)) Σ_j Σ_i δ(s_i,j, s_i+1,j) over M epochs per day and N whole days, as in GGIR SleepRegularityIndex.',
  inputSchema: Type.Object(
    {
      epochs_per_day: Type.Integer({ minimum: 1, maximum: 86_400, description: 'M: epochs in 24 h (1440 for 60 s epochs, 2880 for 30 s)' }),
      sleep_state: Type.Array(Type.Integer({ minimum: 0, maximum: 1 }), {
        minItems: 2,
        maxItems: 2_000_000,
        description: '1 = asleep, 0 = awake, one per epoch, contiguous; only whole days (multiples of epochs_per_day) are used',
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    SRI: Type.Number({ minimum: -100, maximum: 100, description: '100: identical days; 0: random; −100: every epoch flips day to day' }),
  }),
  compute({ epochs_per_day: M, sleep_state }) {
    const N = Math.floor(sleep_state.length / M);
    if (N < 2) throw new ModelInputError('sleep_state', `at least two whole days are needed: ${2 * M} epochs for epochs_per_day = ${M}`);
    const warnings: string[] = [];
    const dropped = sleep_state.length - N * M;
    if (dropped > 0) warnings.push(`${dropped} epoch(s) after the last whole day were left out (SRI compares whole days)`);
    let same = 0;
    for (let i = 0; i < (N - 1) * M; i++) if (sleep_state[i] === sleep_state[i + M]) same++;
    // 200·same/(M(N − 1)) rather than (200/(M(N − 1)))·same: identical days then give exactly 100.
    const SRI = -100 + (200 * same) / (M * (N - 1));
    return { outputs: { SRI }, warnings };
  },
});
