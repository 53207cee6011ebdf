/**
 * Reads one start tag: its name and attributes, values decoded. The hot path of the scanner, tuned for exports:
 *
 * - real exports repeat each element's attributes in the same order, so the name an attribute had in the element's
 *   last occurrence is tried first (one comparison instead of a scan plus a cache lookup), and runs of the same element
 *   (Records, MetadataEntries, beats) are recognised the same way;
 * - values are found with a native search for the closing quote, then taken as substrings of the whole tag decoded
 *   once as Latin-1; only values holding special characters (UTF-8, `&`, control characters) are decoded from bytes.
 *
 * Nothing is decoded until the whole tag is in the buffer, so a tag cut by a chunk boundary costs only a re-scan.
 */
import { NameCache } from './name-cache.js';
import {
  AMP,
  DQUOTE,
  EQUALS,
  GT,
  LF,
  NAME_BYTE,
  SLASH,
  SQUOTE,
  AttributeValueDecoder,
  XmlSyntaxError,
  type DecodeCounters,
  type FastSlices,
} from './xml-bytes.js';
import { NEED_MORE, countLines } from './xml-markup.js';

/** The attributes of the tag being reported; valid only during the `openTag` call (the arrays are reused). */
export interface XmlAttributes {
  count: number;
  readonly names: string[];
  readonly values: string[];
}

/** Elements whose attribute names are predicted (bounded: a hostile document may have endless distinct names). */
const MAX_PREDICTED_ELEMENTS = 256;

/**
 * Characters that make a value leave the fast path (a substring of the tag decoded as Latin-1): bytes of multi-byte
 * UTF-8 characters, control characters (including literal tab/LF/CR, normalised in values), `&` and `<`.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const SPECIAL = /[\x00-\x1f&<\x80-\xff]/g;

/** What only the full decoder handles: control characters, references, `<`. UTF-8 alone is one native call. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const NEEDS_DECODER = /[\x00-\x1f&<]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const NOT_ENTITY_SAFE = /[\x00-\x1f<\x80-\xff]/;

/**
 * `text` with its `&lt;` `&gt;` `&quot;` `&apos;` decoded, or null if it holds any other `&` (`&amp;`, a character
 * reference, an undefined entity, a bare one: the full decoder's to judge). A hand loop: HKDevice descriptions
 * (`&lt;&lt;HKDevice: …&gt;`, on most records) decode ~2x faster than with a regular-expression replace.
 */
function decodeCommonEntities(text: string): string | null {
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semi = text.indexOf(';', amp);
    let ch: string;
    if (semi === amp + 3 && text.charCodeAt(amp + 2) === 0x74 /* t */) {
      const first = text.charCodeAt(amp + 1);
      if (first === 0x6c /* l */) ch = '<';
      else if (first === 0x67 /* g */) ch = '>';
      else return null;
    } else if (semi === amp + 5 && text.startsWith('quot', amp + 1)) ch = '"';
    else if (semi === amp + 5 && text.startsWith('apos', amp + 1)) ch = "'";
    else return null;
    out += text.slice(from, amp) + ch;
    from = semi + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Index of the first special character of `tag` at or after `from`, or tag.length. */
function nextSpecial(tag: string, from: number): number {
  SPECIAL.lastIndex = from;
  return SPECIAL.test(tag) ? SPECIAL.lastIndex - 1 : tag.length;
}

export class StartTagReader {
  /** Of the tag last read: its name, whether it ends with `/>`, and the line feeds inside it. */
  name = '';
  selfClosing = false;
  lines = 0;
  /** Of the tag last read; the arrays are reused for the next tag. */
  readonly attributes: XmlAttributes = { count: 0, names: [], values: [] };
  private readonly names = new NameCache();
  /** Per element name, the attribute names of its last occurrence. */
  private readonly predictions = new Map<string, string[]>();
  private lastElement = '';
  private readonly decoder = new AttributeValueDecoder();
  // Positions of the current tag's values, decoded only once the whole tag is in the buffer.
  private valueStarts = new Int32Array(32);
  private valueEnds = new Int32Array(32);
  private valueLines = 0;

  constructor(private readonly counters: DecodeCounters) {}

  private growAttributeSlots(): void {
    const size = this.valueStarts.length * 2;
    const grow32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.valueStarts = grow32(this.valueStarts);
    this.valueEnds = grow32(this.valueEnds);
  }

  /** An ASCII name through the cache, any other name decoded as UTF-8. */
  private decodeName(buf: Buffer, start: number, end: number, high: number): string {
    return high < 0x80 ? this.names.get(buf, start, end) : (buf as unknown as FastSlices).utf8Slice(start, end);
  }

  /**
   * Reads the start tag whose `<` is at buf[lt] (a name byte follows it). Returns the index just past the tag, or
   * NEED_MORE if the buffer ends inside it; then `name`, `attributes`, `selfClosing` and `lines` describe it.
   * Throws XmlSyntaxError.
   */
  read(buf: Buffer, lt: number, end: number): number {
    let i = lt + 1;
    let name: string;
    // Runs of the same element are the rule (Records, MetadataEntries, beats): try the last element's name first.
    const last = this.lastElement;
    const lastEnd = i + last.length;
    let k = 0;
    if (lastEnd < end && NAME_BYTE[buf[lastEnd]!] === 0) {
      while (k < last.length && buf[i + k] === last.charCodeAt(k)) k++;
    }
    if (k === last.length && k > 0) {
      name = last;
      i = lastEnd;
    } else {
      let high = 0;
      while (i < end && NAME_BYTE[buf[i]!] === 1) high |= buf[i++]!;
      if (i >= end) return NEED_MORE;
      name = this.decodeName(buf, lt + 1, i, high);
      this.lastElement = name;
    }
    // The attribute names this element had last time: real exports repeat them in the same order, so a name is
    // usually recognised by one comparison instead of a scan plus a cache lookup.
    let predicted = this.predictions.get(name);
    if (predicted === undefined) {
      predicted = [];
      // Bounded: a hostile document with endless distinct element names must not grow this map.
      if (this.predictions.size < MAX_PREDICTED_ELEMENTS) this.predictions.set(name, predicted);
    }
    const names = this.attributes.names;
    let count = 0;
    let lines = 0;
    let selfClosing = false;
    for (;;) {
      let b = buf[i]!;
      // Whitespace between attributes; stray control characters are tolerated as whitespace.
      while (b <= 0x20) {
        if (b === LF) lines++;
        if (++i >= end) return NEED_MORE;
        b = buf[i]!;
      }
      if (b === GT) {
        i++;
        break;
      }
      if (b === SLASH) {
        if (i + 1 >= end) return NEED_MORE;
        if (buf[i + 1] !== GT) throw new XmlSyntaxError('malformed', i, "'/' not followed by '>' in a tag");
        i += 2;
        selfClosing = true;
        break;
      }
      const attributeStart = i;
      const guess = predicted[count];
      let matched = false;
      if (guess !== undefined && i + guess.length < end && buf[i + guess.length] === EQUALS) {
        const len = guess.length;
        let k = 0;
        while (k < len && buf[i + k] === guess.charCodeAt(k)) k++;
        if (k === len) {
          names[count] = guess;
          i += len;
          b = EQUALS;
          matched = true;
        }
      }
      if (!matched) {
        let high = 0;
        while (NAME_BYTE[b] === 1) {
          high |= b;
          if (++i >= end) return NEED_MORE;
          b = buf[i]!;
        }
        if (i === attributeStart) throw new XmlSyntaxError('malformed', i, `unexpected character '${String.fromCharCode(b)}' in a tag`);
        names[count] = this.decodeName(buf, attributeStart, i, high);
        while (b <= 0x20) {
          if (b === LF) lines++;
          if (++i >= end) return NEED_MORE;
          b = buf[i]!;
        }
        if (b !== EQUALS) throw new XmlSyntaxError('malformed', i, "attribute name not followed by '='");
      }
      if (++i >= end) return NEED_MORE;
      b = buf[i]!;
      while (b <= 0x20) {
        if (b === LF) lines++;
        if (++i >= end) return NEED_MORE;
        b = buf[i]!;
      }
      if (b !== DQUOTE && b !== SQUOTE) throw new XmlSyntaxError('malformed', i, 'attribute value not quoted');
      const valueStart = i + 1;
      // memchr for the closing quote; what the value holds is checked once the whole tag is in (see below).
      const close = buf.indexOf(b, valueStart);
      if (close < 0) return NEED_MORE;
      if (count === this.valueStarts.length) this.growAttributeSlots();
      this.valueStarts[count] = valueStart;
      this.valueEnds[count] = close;
      count++;
      i = close + 1;
      if (i >= end) return NEED_MORE;
    }

    // The whole tag is in the buffer: decode the values.
    const attributes = this.attributes;
    if (count > 0) {
      // One native call decodes the whole tag as Latin-1. Values without special characters (nearly all) are
      // substrings of it, far cheaper than one native call each; the others are decoded from the bytes.
      const tag = (buf as unknown as FastSlices).latin1Slice(lt, i);
      let special = nextSpecial(tag, 1);
      this.valueLines = 0;
      for (let k = 0; k < count; k++) {
        const valueStart = this.valueStarts[k]! - lt;
        const valueStop = this.valueEnds[k]! - lt;
        if (special < valueStart) special = nextSpecial(tag, valueStart);
        attributes.values[k] = special < valueStop ? this.value(buf, tag, valueStart, valueStop, lt) : tag.substring(valueStart, valueStop);
        predicted[k] = names[k]!;
      }
      lines += this.valueLines;
    }
    attributes.count = count;
    this.name = name;
    this.selfClosing = selfClosing;
    this.lines = lines;
    return i;
  }

  /**
   * A value with special characters, at tag[start, end) = buf[lt + start, lt + end). Plain UTF-8 (source names with a
   * curly apostrophe) is decoded natively; ASCII whose only references are predefined entities (device descriptions)
   * by one regular-expression replace; anything else (control characters, other references) by the full decoder.
   */
  private value(buf: Buffer, tag: string, start: number, end: number, lt: number): string {
    NEEDS_DECODER.lastIndex = start;
    const needs = NEEDS_DECODER.test(tag) ? NEEDS_DECODER.lastIndex - 1 : tag.length;
    if (needs >= end) return (buf as unknown as FastSlices).utf8Slice(lt + start, lt + end);
    const text = tag.substring(start, end);
    if (tag.charCodeAt(needs) === AMP && !NOT_ENTITY_SAFE.test(text)) {
      const decoded = decodeCommonEntities(text);
      if (decoded !== null) return decoded;
    }
    this.valueLines += countLines(buf, lt + start, lt + end);
    return this.decoder.decode(buf, lt + start, lt + end, this.counters);
  }
}
