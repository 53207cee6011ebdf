import { Type } from 'typebox';

/** Inputs of the ActiLife epoch scorers (Cole-Kripke, Sadeh): axis-1 counts per 60 s epoch. */
export const epochCountsInput = (epochNote: string) =>
  Type.Object(
    {
      epoch_seconds: Type.Literal(60, { description: epochNote }),
      counts: Type.Array(Type.Number({ minimum: 0 }), {
        minItems: 1,
        maxItems: 100_000,
        description: 'axis-1 (vertical) ActiGraph counts per 60 s epoch',
      }),
    },
    { additionalProperties: false },
  );

/** One character per epoch, S or W; `rule` says when an epoch is sleep. */
export const sleepWakeState = (rule: string) =>
  Type.String({ pattern: '^[SW]*$', description: `one character per epoch: S (sleep, ${rule}) or W (wake)` });
