import { Type } from 'typebox';

/**
 * `items`: exactly `count` integer item scores 0–3, in the order the instrument prints them. The four
 * response options of the PHQ-9, GAD-7 and Epworth are all scored 0, 1, 2, 3.
 */
export const itemsSchema = (count: number, instrument: string) =>
  Type.Array(Type.Integer({ minimum: 0, maximum: 3 }), {
    minItems: count,
    maxItems: count,
    description: `${instrument}: ${count} item scores, each an integer 0–3, in the printed item order`,
  });

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The highest band whose lower bound the total reaches (bands listed from the highest down). */
export const band = <T extends string>(total: number, bands: readonly { readonly from: number; readonly name: T }[]): T => {
  const found = bands.find((b) => total >= b.from);
  if (!found) throw new Error(`no band for total ${total}`);
  return found.name;
};
