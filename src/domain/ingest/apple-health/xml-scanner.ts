/**
 * A chunked, byte-level XML scanner for Apple Health exports: far faster than a general XML parser because it
 * reports only what an export needs (start tags with their attributes, end tags) and never builds text.
 *
 * - Push API: `write(chunk)` any number of times, then `end()`. A tag (or comment, DOCTYPE, …) split across chunks is
 *   kept in a small carry-over buffer (bounded by `maxTokenBytes`) and scanned again with the next chunk; nothing else
 *   is kept, so memory is constant whatever the document size.
 * - Skips the XML declaration, processing instructions, comments, CDATA sections and the DOCTYPE, including the
 *   broken internal subset of iOS 16+ exports (an ATTLIST without its `>`). Refuses any `<!ENTITY` declaration and any
 *   reference to an entity other than the five predefined ones: custom entities are never expanded, which is how
 *   "billion laughs" is refused.
 * - Attribute values: the five predefined entities and numeric character references are decoded; literal tab/LF/CR
 *   become a space (XML attribute-value normalisation); other control characters, which real exports occasionally
 *   contain, are dropped and counted.
 * - Checks the structure a truncated or foreign file breaks: one root, matching end tags, no text outside the root,
 *   the end of the document outside any markup and after the root's end tag.
 */
import { AppleHealthExportError, type ExportErrorCode } from './errors.js';
import { sameName } from './name-cache.js';
import { StartTagReader, type XmlAttributes } from './start-tag-reader.js';
import {
  AMP,
  BANG,
  GT,
  LF,
  LT,
  NAME_BYTE,
  QUESTION,
  REF_INCOMPLETE,
  REF_INVALID_CHARACTER,
  REF_UNDEFINED_ENTITY,
  SLASH,
  XmlSyntaxError,
  readReference,
  type DecodeCounters,
  type ReferenceEnd,
} from './xml-bytes.js';
import {
  CDATA_END,
  CDATA_START,
  COMMENT_END,
  COMMENT_START,
  DOCTYPE_START,
  NEED_MORE,
  PI_END,
  countLines,
  skipDoctype,
  skipTo,
  startsWith,
} from './xml-markup.js';

export type { XmlAttributes };

export interface XmlHandler {
  /** `offset` is the byte offset of the tag's `<` in the document, `line` its 1-based line. */
  openTag(name: string, attributes: XmlAttributes, selfClosing: boolean, offset: number, line: number): void;
  /** Also called right after `openTag` for a self-closing tag. */
  closeTag(name: string): void;
}

export interface XmlScannerOptions {
  /** Largest single tag, comment, DOCTYPE or processing instruction, in bytes. Default 1 MiB. */
  readonly maxTokenBytes?: number;
  /** Deepest element nesting. Default 64 (real exports nest 4 deep). */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_TOKEN_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

export class XmlScanner {
  private carry: Buffer | null = null;
  /** Document offset of byte 0 of the buffer being scanned (after a write: of the carry-over). */
  private base = 0;
  private line = 1;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private doctypeSeen = false;
  private atStart = true;
  private ended = false;
  private readonly maxTokenBytes: number;
  private readonly maxDepth: number;
  private readonly ref: ReferenceEnd = { end: 0 };
  readonly counters: DecodeCounters = { strippedControlCharacters: 0 };
  private readonly tags = new StartTagReader(this.counters);

  constructor(
    private readonly handler: XmlHandler,
    options: XmlScannerOptions = {},
  ) {
    this.maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  /** Bytes fully scanned so far (a tag split at the end of the last chunk is not counted until it completes). */
  get bytesScanned(): number {
    return this.base;
  }

  /** Current 1-based line (of the first byte not yet scanned). */
  get currentLine(): number {
    return this.line;
  }

  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('XmlScanner: write after end');
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== null) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    let pos = 0;
    if (this.atStart) {
      pos = this.start(buf);
      if (pos === NEED_MORE) {
        this.carry = Buffer.from(buf);
        return;
      }
      this.atStart = false;
    }
    let stop: number;
    try {
      stop = this.scan(buf, pos);
    } catch (error) {
      if (error instanceof XmlSyntaxError) this.fail(error.code, error.detail, error.index);
      throw error;
    }
    if (stop < buf.length) {
      if (buf.length - stop > this.maxTokenBytes) {
        this.fail('limit_exceeded', `a single tag, comment or declaration is longer than ${this.maxTokenBytes} bytes`, stop);
      }
      this.carry = Buffer.from(buf.subarray(stop)); // a copy: never pin the caller's (large) chunk
    }
    this.base += stop;
  }

  /** Throws AppleHealthExportError if the document is empty, truncated or has no root element. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.atStart) this.fail('not_xml', 'the document is empty', 0);
    if (this.carry !== null && this.carry.length > 0) {
      this.fail('truncated', 'the document ends inside a tag, comment or declaration', 0);
    }
    if (this.stack.length > 0) {
      this.fail('truncated', `the document ends before </${this.stack[this.stack.length - 1]!}> (${this.stack.length} open elements)`, 0);
    }
    if (!this.rootSeen) this.fail('not_xml', 'the document has no root element', 0);
  }

  private fail(code: ExportErrorCode, message: string, index: number): never {
    throw new AppleHealthExportError(code, message, this.base + index, this.line);
  }

  /** Skips a UTF-8 byte-order mark; refuses UTF-16/32. Returns where scanning starts, or NEED_MORE. */
  private start(buf: Buffer): number {
    if (buf.length === 0) return NEED_MORE;
    const b0 = buf[0]!;
    if (b0 === 0xfe || b0 === 0xff || b0 === 0x00) {
      this.fail('unsupported_encoding', 'the document is not UTF-8 (UTF-16/32 or binary data)', 0);
    }
    if (b0 !== 0xef) return 0;
    if (buf.length < 3) return NEED_MORE;
    return buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  }

  /** Scans buf from pos; returns the index where it stopped (buf.length, or the start of an incomplete token). */
  private scan(buf: Buffer, pos: number): number {
    const end = buf.length;
    while (pos < end) {
      const lt = buf.indexOf(LT, pos);
      const textEnd = lt < 0 ? end : lt;
      if (textEnd > pos) {
        const stop = this.text(buf, pos, textEnd, lt < 0);
        if (stop < textEnd) return stop;
      }
      if (lt < 0) return end;
      const next = this.markup(buf, lt, end);
      if (next === NEED_MORE) return lt;
      pos = next;
    }
    return end;
  }

  /**
   * Text between tags: only whitespace in real exports. Counts lines, checks references, refuses text outside the
   * root. Returns `end`, or the start of a reference cut by the end of the buffer.
   */
  private text(buf: Buffer, start: number, end: number, atBufferEnd: boolean): number {
    const outside = this.stack.length === 0;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b === LF) {
        this.line++;
      } else if (b === AMP) {
        const code = readReference(buf, i, end, this.ref);
        if (code === REF_INCOMPLETE && atBufferEnd) return i;
        if (code === REF_UNDEFINED_ENTITY) {
          this.fail('undefined_entity', `reference to undefined entity ${buf.toString('utf8', i, this.ref.end)}`, i);
        }
        if (outside) this.outsideText(i);
        if (code >= 0 || code === REF_INVALID_CHARACTER) i = this.ref.end - 1;
      } else if (outside && b !== 0x20 && b !== 0x09 && b !== 0x0d) {
        this.outsideText(i);
      }
    }
    return end;
  }

  private outsideText(index: number): never {
    if (this.rootClosed) this.fail('malformed', 'content after the end of the root element', index);
    return this.fail('not_xml', 'text before the root element: this is not an XML document', index);
  }

  private markup(buf: Buffer, lt: number, end: number): number {
    if (lt + 1 >= end) return NEED_MORE;
    const c = buf[lt + 1];
    if (c === SLASH) return this.closeTag(buf, lt, end);
    if (c === BANG) return this.declaration(buf, lt, end);
    if (c === QUESTION) return this.processingInstruction(buf, lt, end);
    return this.startTag(buf, lt, end);
  }

  private startTag(buf: Buffer, lt: number, end: number): number {
    if (NAME_BYTE[buf[lt + 1]!] === 0) this.fail(this.rootSeen ? 'malformed' : 'not_xml', "'<' not followed by a tag name", lt);
    const tag = this.tags;
    const next = tag.read(buf, lt, end);
    if (next === NEED_MORE) return NEED_MORE;
    if (this.rootClosed) this.fail('malformed', 'a second root element', lt);
    if (this.stack.length >= this.maxDepth) this.fail('limit_exceeded', `elements nested deeper than ${this.maxDepth}`, lt);
    const line = this.line;
    this.line += tag.lines;
    this.rootSeen = true;
    const name = tag.name;
    this.handler.openTag(name, tag.attributes, tag.selfClosing, this.base + lt, line);
    if (tag.selfClosing) {
      this.handler.closeTag(name);
      if (this.stack.length === 0) this.rootClosed = true;
    } else {
      this.stack.push(name);
    }
    return next;
  }

  private closeTag(buf: Buffer, lt: number, end: number): number {
    let i = lt + 2;
    while (i < end && NAME_BYTE[buf[i]!] === 1) i++;
    const nameEnd = i;
    let lines = 0;
    while (i < end && buf[i]! <= 0x20) {
      if (buf[i] === LF) lines++;
      i++;
    }
    if (i >= end) return NEED_MORE;
    if (buf[i] !== GT || nameEnd === lt + 2) this.fail('malformed', 'malformed end tag', lt);
    const open = this.stack.pop();
    if (open === undefined) {
      this.fail(this.rootSeen ? 'malformed' : 'not_xml', `end tag </${buf.toString('utf8', lt + 2, nameEnd)}> without a start tag`, lt);
    }
    if (!sameName(buf, lt + 2, nameEnd, open)) {
      this.fail('malformed', `end tag </${buf.toString('utf8', lt + 2, nameEnd)}> does not match <${open}>`, lt);
    }
    this.line += lines;
    this.handler.closeTag(open);
    if (this.stack.length === 0) this.rootClosed = true;
    return i + 1;
  }

  /** `<!--…-->`, `<![CDATA[…]]>` or `<!DOCTYPE …>`. */
  private declaration(buf: Buffer, lt: number, end: number): number {
    const comment = startsWith(buf, lt, end, COMMENT_START);
    if (comment === 1) return this.skip(buf, lt, lt + 4, end, COMMENT_END);
    const cdata = startsWith(buf, lt, end, CDATA_START);
    if (cdata === 1) {
      if (this.stack.length === 0) this.fail('malformed', 'CDATA section outside the root element', lt);
      return this.skip(buf, lt, lt + 9, end, CDATA_END);
    }
    const doctype = startsWith(buf, lt, end, DOCTYPE_START);
    if (doctype === 1) {
      if (this.rootSeen || this.doctypeSeen) this.fail('malformed', 'a DOCTYPE after the root element or a second DOCTYPE', lt);
      const next = skipDoctype(buf, lt + 9, end);
      if (next !== NEED_MORE) {
        this.doctypeSeen = true;
        this.line += countLines(buf, lt, next);
      }
      return next;
    }
    if (comment === NEED_MORE || cdata === NEED_MORE || doctype === NEED_MORE) return NEED_MORE;
    return this.fail(this.rootSeen ? 'malformed' : 'not_xml', "unknown markup after '<!'", lt);
  }

  /** Skips a comment or CDATA section, counting its lines. */
  private skip(buf: Buffer, lt: number, from: number, end: number, terminator: Buffer): number {
    const next = skipTo(buf, from, end, terminator);
    if (next !== NEED_MORE) this.line += countLines(buf, lt, next);
    return next;
  }

  /** `<?target …?>`; the XML declaration's encoding must be UTF-8 (or its subset ASCII). */
  private processingInstruction(buf: Buffer, lt: number, end: number): number {
    const next = skipTo(buf, lt + 2, end, PI_END);
    if (next === NEED_MORE) return NEED_MORE;
    const close = next - 2;
    const body = buf.toString('latin1', lt + 2, close);
    if (/^xml\s/.test(body)) {
      if (this.rootSeen || this.base + lt > 3) this.fail('malformed', 'an XML declaration that is not at the start of the document', lt);
      const encoding = /\bencoding\s*=\s*["']([^"']*)["']/.exec(body)?.[1];
      if (encoding !== undefined && !/^(?:utf-?8|us-ascii|ascii)$/i.test(encoding)) {
        this.fail('unsupported_encoding', `the document is encoded as ${encoding}; only UTF-8 is supported`, lt);
      }
    }
    this.line += countLines(buf, lt, close + 2);
    return close + 2;
  }
}
