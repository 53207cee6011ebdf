/** Element and attribute names: interned (one string per distinct name) and compared against bytes. */
import type { FastSlices } from './xml-bytes.js';

/**
 * Element and attribute names come from a tiny set: keep one string per name instead of allocating one per tag. The
 * slot is a hash of the length and three characters; a hit is confirmed by comparing the whole name.
 */
export class NameCache {
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(1024);

  /** The (ASCII) name at buf[start, end). */
  get(buf: Buffer, start: number, end: number): string {
    const len = end - start;
    const slot = (len * 997 + buf[start]! * 31 + buf[start + (len >> 1)]! * 7 + buf[end - 1]!) & 1023;
    const cached = this.strings[slot];
    if (cached !== undefined && cached.length === len) {
      let k = 0;
      while (k < len && buf[start + k] === cached.charCodeAt(k)) k++;
      if (k === len) return cached;
    }
    // A fresh flat string (not a slice of a tag): cheap to compare and to use as a property key.
    const name = (buf as unknown as FastSlices).latin1Slice(start, end);
    this.strings[slot] = name;
    return name;
  }
}

/** Whether buf[start, end) holds `name` (compared as ASCII first, as UTF-8 if that fails). */
export function sameName(buf: Buffer, start: number, end: number, name: string): boolean {
  if (end - start === name.length) {
    let k = 0;
    while (k < name.length && buf[start + k] === name.charCodeAt(k)) k++;
    if (k === name.length) return true;
  }
  return buf.toString('utf8', start, end) === name;
}
