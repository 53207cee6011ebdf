/**
 * The one error an Apple Health export parse ends with when the document itself is unusable (as opposed to a single
 * bad record, which is reported as a RecordError and skipped). `code` says why, for the import job's status.
 */
export type ExportErrorCode =
  /** The bytes are not XML at all (binary, JSON, UTF-16, …). */
  | 'not_xml'
  /** Well-formed enough to read, but the root is not `<HealthData>`. */
  | 'not_apple_health'
  /** Broken markup: mismatched end tag, `<` inside an attribute value, content after the root, … */
  | 'malformed'
  /** The document stops inside a tag or before `</HealthData>`. */
  | 'truncated'
  /** The DTD declares an entity. Real exports never do; entity expansion is how "billion laughs" attacks work. */
  | 'entity_declaration'
  /** A reference to an entity that is not one of XML's five predefined ones. */
  | 'undefined_entity'
  /** A single tag, comment, DOCTYPE or processing instruction larger than the limit, or nesting too deep. */
  | 'limit_exceeded'
  /** The XML declaration names an encoding other than UTF-8. */
  | 'unsupported_encoding';

export class AppleHealthExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    /** Byte offset in the document where the problem was found. */
    readonly offset: number,
    /** 1-based line number there. */
    readonly line: number,
  ) {
    super(`${message} (line ${line}, byte ${offset})`);
    this.name = 'AppleHealthExportError';
  }
}
