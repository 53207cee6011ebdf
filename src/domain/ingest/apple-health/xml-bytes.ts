/**
 * Byte-level helpers of the XML scanner: character classes, reference (entity) resolution and the slow path of
 * attribute-value decoding. Works on UTF-8 bytes; a multi-byte UTF-8 sequence never contains a byte below 0x80, so
 * splitting at ASCII bytes (`&`, `<`, quotes, control characters) never splits a character.
 */
import type { ExportErrorCode } from './errors.js';

/** Node's Buffer has these fast slice methods (what `toString` calls after checking its arguments), undeclared in @types/node. */
export interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Bytes that may appear in an XML name (ASCII subset of NameChar, plus every byte of a multi-byte UTF-8 sequence). */
export const NAME_BYTE = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const isAlnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  NAME_BYTE[b] = isAlnum || b === 0x5f || b === 0x3a || b === 0x2d || b === 0x2e || b >= 0x80 ? 1 : 0;
}

export const LT = 0x3c;
export const GT = 0x3e;
export const AMP = 0x26;
export const SLASH = 0x2f;
export const QUESTION = 0x3f;
export const BANG = 0x21;
export const EQUALS = 0x3d;
export const DQUOTE = 0x22;
export const SQUOTE = 0x27;
export const LF = 0x0a;
export const SEMICOLON = 0x3b;

/** Value bytes for the decoder: 0 = copy, 2 = copy (part of a multi-byte UTF-8 character), 1 = look closer. */
const DECODE_CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) DECODE_CLASS[b] = b < 0x20 || b === 0x26 || b === 0x3c ? 1 : b >= 0x80 ? 2 : 0;

/** Longest reference we look for a `;` in (`&#x10FFFF;` is 10 bytes; names of real entities are short). */
export const MAX_REFERENCE_BYTES = 64;

/** readReference results below zero. */
export const REF_INCOMPLETE = -1;
export const REF_NOT_A_REFERENCE = -2;
export const REF_UNDEFINED_ENTITY = -3;
export const REF_INVALID_CHARACTER = -4;

export interface ReferenceEnd {
  /** Index just after the `;` of the reference just read. */
  end: number;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** The code point of a predefined entity name `lt|gt|amp|quot|apos` held in buf[start, end), else -1. */
function predefinedEntity(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  const c0 = buf[start];
  if (len === 2 && buf[start + 1] === 0x74) {
    if (c0 === 0x6c) return 0x3c; // lt
    if (c0 === 0x67) return 0x3e; // gt
  } else if (len === 3 && c0 === 0x61 && buf[start + 1] === 0x6d && buf[start + 2] === 0x70) {
    return 0x26; // amp
  } else if (len === 4) {
    const c1 = buf[start + 1];
    const c2 = buf[start + 2];
    const c3 = buf[start + 3];
    if (c0 === 0x71 && c1 === 0x75 && c2 === 0x6f && c3 === 0x74) return 0x22; // quot
    if (c0 === 0x61 && c1 === 0x70 && c2 === 0x6f && c3 === 0x73) return 0x27; // apos
  }
  return -1;
}

/**
 * Reads the reference starting at `amp` (which holds `&`), looking no further than `limit`. Returns its code point,
 * or REF_INCOMPLETE (no `;` before `limit`, and `limit` is close enough that more bytes could complete it),
 * REF_NOT_A_REFERENCE (a bare `&`: not followed by a name or `#…` and `;`), REF_UNDEFINED_ENTITY (a well-formed
 * `&name;` that is not one of the five predefined entities) or REF_INVALID_CHARACTER (a character reference to a code
 * point that is not a Unicode scalar value, or to U+0000). On success `out.end` is set past the `;`.
 */
export function readReference(buf: Uint8Array, amp: number, limit: number, out: ReferenceEnd): number {
  const max = Math.min(limit, amp + MAX_REFERENCE_BYTES);
  let i = amp + 1;
  if (i >= max) return max === limit ? REF_INCOMPLETE : REF_NOT_A_REFERENCE;
  if (buf[i] === 0x23) {
    // &#…;
    i++;
    let hex = false;
    if (i < max && (buf[i] === 0x78 || buf[i] === 0x58)) {
      hex = true;
      i++;
    }
    const digitsStart = i;
    let code = 0;
    for (; i < max; i++) {
      const b = buf[i]!;
      if (b === SEMICOLON) break;
      const digit = hex ? hexValue(b) : isDigit(b) ? b - 0x30 : -1;
      if (digit < 0) return REF_NOT_A_REFERENCE;
      code = code * (hex ? 16 : 10) + digit;
      if (code > 0x10ffff) code = 0x110000; // saturate, stays invalid
    }
    if (i >= max) return max === limit ? REF_INCOMPLETE : REF_NOT_A_REFERENCE;
    if (i === digitsStart) return REF_NOT_A_REFERENCE;
    out.end = i + 1;
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return REF_INVALID_CHARACTER;
    return code;
  }
  const nameStart = i;
  for (; i < max; i++) {
    const b = buf[i]!;
    if (b === SEMICOLON) break;
    if (NAME_BYTE[b] === 0) return REF_NOT_A_REFERENCE;
  }
  if (i >= max) return max === limit ? REF_INCOMPLETE : REF_NOT_A_REFERENCE;
  if (i === nameStart) return REF_NOT_A_REFERENCE;
  out.end = i + 1;
  const predefined = predefinedEntity(buf, nameStart, i);
  return predefined >= 0 ? predefined : REF_UNDEFINED_ENTITY;
}

/** A control character XML 1.0 does not allow (everything below U+0020 but tab, LF and CR). */
export function isDisallowedControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

/** A syntax problem found at `index` of the buffer being scanned; the scanner adds the document position. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    readonly index: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export interface DecodeCounters {
  /** Control characters (raw or as character references) dropped from values. */
  strippedControlCharacters: number;
}

/**
 * The slow path of an attribute value buf[start, end) (the quotes excluded): resolves references, normalises literal
 * tab/LF/CR to a space (XML attribute-value normalisation; `&#10;` stays a newline, as the spec says) and drops the
 * other control characters, which real exports occasionally contain and strict parsers choke on. A bare `&` is kept
 * as it is. Throws XmlSyntaxError for `<` or an undefined entity. The decoded bytes are assembled in a reusable
 * scratch buffer and turned into a string by one call.
 */
export class AttributeValueDecoder {
  private scratch = Buffer.allocUnsafe(4096);
  private readonly ref: ReferenceEnd = { end: 0 };

  decode(buf: Buffer, start: number, end: number, counters: DecodeCounters): string {
    // Decoding never lengthens a value: a reference is at least as long as the UTF-8 of its character.
    if (this.scratch.length < end - start) this.scratch = Buffer.allocUnsafe(Math.max(end - start, this.scratch.length * 2));
    const out = this.scratch;
    let n = 0;
    let ascii = true;
    let i = start;
    while (i < end) {
      const b = buf[i]!;
      const cls = DECODE_CLASS[b]!;
      if (cls === 0) {
        out[n++] = b;
        i++;
      } else if (cls === 2) {
        ascii = false;
        out[n++] = b;
        i++;
      } else if (b === AMP) {
        const code = readReference(buf, i, end, this.ref);
        if (code >= 0) {
          if (isDisallowedControl(code)) counters.strippedControlCharacters++;
          else if (code < 0x80) out[n++] = code;
          else {
            ascii = false;
            n += out.write(String.fromCodePoint(code), n, 'utf8');
          }
          i = this.ref.end;
        } else if (code === REF_UNDEFINED_ENTITY) {
          throw new XmlSyntaxError('undefined_entity', i, `reference to undefined entity ${buf.toString('utf8', i, this.ref.end)}`);
        } else if (code === REF_INVALID_CHARACTER) {
          counters.strippedControlCharacters++;
          i = this.ref.end;
        } else {
          out[n++] = AMP; // a bare ampersand: tolerated, kept literally
          i++;
        }
      } else if (b === LT) {
        throw new XmlSyntaxError('malformed', i, "'<' is not allowed in an attribute value");
      } else if (b === 0x09 || b === 0x0a) {
        out[n++] = 0x20;
        i++;
      } else if (b === 0x0d) {
        out[n++] = 0x20;
        i += i + 1 < end && buf[i + 1] === 0x0a ? 2 : 1; // CRLF is one line end, hence one space
      } else {
        counters.strippedControlCharacters++;
        i++;
      }
    }
    const fast = out as unknown as FastSlices;
    return ascii ? fast.latin1Slice(0, n) : fast.utf8Slice(0, n);
  }
}
