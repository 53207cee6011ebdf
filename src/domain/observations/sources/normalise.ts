/**
 * Text canonicalisation shared by the source/device identity keys. Pure: no I/O, no clock, no locale.
 *
 * Every function here is idempotent (f(f(x)) === f(x)), so a key computed from an already-normalised label is the
 * same as one computed from the raw label.
 */

/** Typographic apostrophes/quotes HealthKit puts in user-named sources ("Simon’s iPhone") → ASCII. */
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\u00B4`]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201F\u2033]/g;

/**
 * A label as an identity: Unicode NFKC, typographic quotes folded to ASCII, runs of whitespace (incl. NBSP) collapsed
 * to one space, trimmed, lower-cased (String#toLowerCase is locale-independent by spec). "Simon’s  iPhone" and
 * "simon's iphone" are the same source.
 */
export function normaliseLabel(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHES, "'").replace(DOUBLE_QUOTES, '"').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Legal-form suffixes dropped from manufacturer names: "Apple Inc." and "Apple" are one manufacturer. */
const LEGAL_SUFFIX = /(?:[\s,]+)(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|gmbh|ag|oy|sa|s\.a|bv|b\.v|pty|plc|kk)\.?$/;

/**
 * A manufacturer as an identity. Real exports spell Apple two ways for the same hardware: iOS 12-era records say
 * `manufacturer:Apple` (dogsheep fixture), later ones `manufacturer:Apple Inc.` (jshrake fixture), so the raw string
 * would split one watch into two devices at an OS update.
 */
export function normaliseManufacturer(text: string): string {
  let out = normaliseLabel(text).replace(/[.,\s]+$/, '');
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(LEGAL_SUFFIX, '').replace(/[.,\s]+$/, '');
  }
  return out;
}

/**
 * Escapes one part of a `|`-separated key so that the encoding is injective: `\` → `\\`, `|` → `\|`. Two different
 * tuples can never produce the same key string.
 */
export function escapeKeyPart(text: string): string {
  // Most parts contain neither character: skip the regex (this runs for every part of every imported sample).
  if (!text.includes('|') && !text.includes('\\')) return text;
  return text.replace(/[\\|]/g, (ch) => `\\${ch}`);
}
