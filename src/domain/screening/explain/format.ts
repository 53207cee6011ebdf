/** Numbers in explanation text: one decimal for scores, otherwise as given (they come from the inputs). */
export const fmtScore = (value: number): string => value.toFixed(1);
export const fmtValue = (value: number): string =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toFixed(2)));
export const fmtPercent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
