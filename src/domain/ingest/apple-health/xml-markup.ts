/**
 * Markup the scanner skips without reporting it: comments, CDATA, processing instructions and the DOCTYPE with its
 * internal subset. Pure functions over a buffer; each returns the index just past what it skipped, or NEED_MORE when
 * the buffer ends first (the caller keeps the bytes from the `<` and tries again with the next chunk).
 */
import { DQUOTE, GT, LF, LT, SQUOTE, XmlSyntaxError } from './xml-bytes.js';

export const NEED_MORE = -1;

export const COMMENT_START = Buffer.from('<!--');
export const COMMENT_END = Buffer.from('-->');
export const CDATA_START = Buffer.from('<![CDATA[');
export const CDATA_END = Buffer.from(']]>');
export const DOCTYPE_START = Buffer.from('<!DOCTYPE');
const ENTITY_START = Buffer.from('<!ENTITY');
const PI_START = Buffer.from('<?');
export const PI_END = Buffer.from('?>');

/** 1: buf[at…] starts with `bytes`; 0: it does not; NEED_MORE: too few bytes to tell. */
export function startsWith(buf: Buffer, at: number, end: number, bytes: Buffer): number {
  const n = bytes.length;
  for (let k = 0; k < n; k++) {
    if (at + k >= end) return NEED_MORE;
    if (buf[at + k] !== bytes[k]) return 0;
  }
  return 1;
}

/** Line feeds in buf[start, end). */
export function countLines(buf: Buffer, start: number, end: number): number {
  let lines = 0;
  let i = buf.indexOf(LF, start);
  while (i >= 0 && i < end) {
    lines++;
    i = buf.indexOf(LF, i + 1);
  }
  return lines;
}

/** Index just past `terminator` searched from `from`, or NEED_MORE. */
export function skipTo(buf: Buffer, from: number, end: number, terminator: Buffer): number {
  const at = buf.indexOf(terminator, from);
  return at < 0 || at + terminator.length > end ? NEED_MORE : at + terminator.length;
}

/**
 * The rest of a DOCTYPE from `from` (just after `<!DOCTYPE`): quoted literals (public/system ids) and the internal subset are skipped
 * without being interpreted, so the broken subset of iOS 16+ exports passes. Returns the index after its `>`.
 */
export function skipDoctype(buf: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const b = buf[i]!;
    if (b === DQUOTE || b === SQUOTE) {
      const close = buf.indexOf(b, i + 1);
      if (close < 0) return NEED_MORE;
      i = close + 1;
    } else if (b === 0x5b) {
      // '[': the internal subset
      i = skipInternalSubset(buf, i + 1, end);
      if (i === NEED_MORE) return NEED_MORE;
    } else if (b === GT) {
      return i + 1;
    } else {
      i++;
    }
  }
  return NEED_MORE;
}

/**
 * Skips an internal subset up to its `]`, tolerating declarations that are not closed (iOS 16+ exports). Comments,
 * processing instructions and quoted literals are skipped whole (they may hold `]`); an ENTITY declaration is
 * refused: real exports have none, and we never expand custom entities.
 */
function skipInternalSubset(buf: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const b = buf[i]!;
    if (b === 0x5d) return i + 1; // ']'
    if (b === DQUOTE || b === SQUOTE) {
      const close = buf.indexOf(b, i + 1);
      if (close < 0) return NEED_MORE;
      i = close + 1;
    } else if (b === LT) {
      const comment = startsWith(buf, i, end, COMMENT_START);
      const pi = startsWith(buf, i, end, PI_START);
      const entity = startsWith(buf, i, end, ENTITY_START);
      if (entity === 1) {
        throw new XmlSyntaxError('entity_declaration', i, 'the DTD declares an entity; entity declarations are refused (never expanded)');
      }
      if (comment === NEED_MORE || entity === NEED_MORE) return NEED_MORE;
      if (comment === 1) {
        const close = buf.indexOf(COMMENT_END, i + 4);
        if (close < 0) return NEED_MORE;
        i = close + 3;
      } else if (pi === 1) {
        const close = buf.indexOf(PI_END, i + 2);
        if (close < 0) return NEED_MORE;
        i = close + 2;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  return NEED_MORE;
}
