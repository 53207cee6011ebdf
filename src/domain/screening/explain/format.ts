/** Numbers in explanation text: one decimal for scores, otherwise as given (they come from the inputs). */
export const fmtScore = (value: number): string => value.toFixed(1);
export const fmtValue = (value: number): string => (Number.isInteger(value) ? groupThousands(value) : String(Number(value.toFixed(2))));

/**
 * `value.toLocaleString('en-US')` for an integer ("12,345"), without ICU: that call was the single largest cost of
 * building a screening's texts. Outside the plain-digits range (and for -0) it defers to toLocaleString.
 */
function groupThousands(value: number): string {
  if (Math.abs(value) >= 1e21 || Object.is(value, -0)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${out}` : out;
}
export const fmtPercent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
