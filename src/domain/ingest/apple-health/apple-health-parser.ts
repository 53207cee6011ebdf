/**
 * The streaming Apple Health `export.xml` parser: bytes in, SampleInputs and a few other events out, in constant
 * memory. Pure (no I/O, no clock, no globals), so it runs unchanged in a worker thread.
 *
 *   const parser = new AppleHealthParser({ onSample, onActivitySummary, onMe, onExportDate, onRecordError });
 *   for await (const chunk of stream) parser.write(chunk);
 *   const stats = parser.end(); // throws AppleHealthExportError if the document is truncated
 *
 * A bad record (unknown unit, bad date, unparseable value) is reported through `onRecordError` and skipped; a broken
 * document (not XML, not an export, truncated, entity declarations, undefined entities) throws AppleHealthExportError,
 * from `write` as soon as it is seen, or from `end` for truncation. Samples already reported stay reported: whoever
 * stores them decides whether a failed import is rolled back.
 */
import type { SampleInput } from '../../observations/index.js';
import { ExportEvents, type ExportEventsOptions, type TopLevelElement } from './export-events.js';
import type {
  ActivitySummary,
  AppleHealthEvent,
  ElementPosition,
  ExportDate,
  MeCharacteristics,
  RecordError,
  SampleInfo,
} from './export-types.js';
import { MappingContext, RecordRejection, type MappingSink } from './mapping-context.js';
import { mapCorrelation, mapRecord } from './record-mapping.js';
import { mapActivitySummary, mapExportDate, mapMe } from './summary-mapping.js';
import { mapWorkout } from './workout-mapping.js';
import { XmlScanner, type XmlScannerOptions } from './xml-scanner.js';

export interface AppleHealthHandlers {
  onSample?(sample: SampleInput, info: SampleInfo): void;
  onActivitySummary?(summary: ActivitySummary, position: ElementPosition): void;
  onMe?(me: MeCharacteristics): void;
  onExportDate?(exportDate: ExportDate): void;
  onRecordError?(error: RecordError): void;
}

export interface AppleHealthParserOptions extends XmlScannerOptions, ExportEventsOptions {}

/** Counters for progress and the import report. */
export interface AppleHealthParseStats {
  /** Bytes of XML scanned. */
  readonly bytes: number;
  /** `locale` of `<HealthData>`. */
  readonly locale: string | null;
  /** Children of `<HealthData>` read. */
  readonly elements: number;
  /** Top-level `<Record>`s, `<Correlation>`s, `<Workout>`s and `<ActivitySummary>`s read. */
  readonly records: number;
  readonly correlations: number;
  readonly workouts: number;
  readonly activitySummaries: number;
  /** Samples reported through onSample. */
  readonly samples: number;
  /** Elements reported through onRecordError. */
  readonly recordErrors: number;
  /** Records nested in correlations (part of the correlation, repeated at top level by the export; not samples). */
  readonly nestedRecords: number;
  /** Skipped, per HealthKit identifier (unknown type) or element name (ClinicalRecord, Audiogram, …). */
  readonly unsupported: Readonly<Record<string, number>>;
  /** Total of `unsupported`. */
  readonly unsupportedCount: number;
  /** Control characters dropped from attribute values. */
  readonly strippedControlCharacters: number;
  /** Nested elements dropped because one element held more than `maxNodesPerElement`. */
  readonly droppedNodes: number;
}

interface Counters {
  records: number;
  correlations: number;
  workouts: number;
  activitySummaries: number;
  samples: number;
  recordErrors: number;
  nestedRecords: number;
  unsupportedCount: number;
  droppedNodes: number;
}

function identifierOf(element: TopLevelElement['element']): string | null {
  return element.attributes['type'] ?? element.attributes['workoutActivityType'] ?? null;
}

export class AppleHealthParser {
  private readonly scanner: XmlScanner;
  private readonly events: ExportEvents;
  private readonly context = new MappingContext();
  private readonly sink: MappingSink;
  private readonly unsupported = new Map<string, number>();
  private readonly counters: Counters = {
    records: 0,
    correlations: 0,
    workouts: 0,
    activitySummaries: 0,
    samples: 0,
    recordErrors: 0,
    nestedRecords: 0,
    unsupportedCount: 0,
    droppedNodes: 0,
  };

  constructor(handlers: AppleHealthHandlers, options: AppleHealthParserOptions = {}) {
    const counters = this.counters;
    const unsupported = this.unsupported;
    this.sink = {
      sample(sample, info) {
        counters.samples++;
        handlers.onSample?.(sample, info);
      },
      activitySummary(summary, position) {
        handlers.onActivitySummary?.(summary, position);
      },
      me(me) {
        handlers.onMe?.(me);
      },
      exportDate(exportDate) {
        handlers.onExportDate?.(exportDate);
      },
      recordError(error) {
        counters.recordErrors++;
        handlers.onRecordError?.(error);
      },
      unsupported(identifier) {
        counters.unsupportedCount++;
        unsupported.set(identifier, (unsupported.get(identifier) ?? 0) + 1);
      },
      nestedRecords(count) {
        counters.nestedRecords += count;
      },
    };
    this.events = new ExportEvents((top) => this.element(top), options);
    this.scanner = new XmlScanner(this.events, options);
  }

  /** Feeds the next bytes of the document. Throws AppleHealthExportError on a broken document. */
  write(chunk: Uint8Array): void {
    this.scanner.write(chunk);
  }

  /** Ends the document: throws AppleHealthExportError if it is truncated; returns the final counters. */
  end(): AppleHealthParseStats {
    this.scanner.end();
    return this.stats;
  }

  get stats(): AppleHealthParseStats {
    const c = this.counters;
    return {
      bytes: this.scanner.bytesScanned,
      locale: this.events.locale,
      elements: this.events.elementCount,
      records: c.records,
      correlations: c.correlations,
      workouts: c.workouts,
      activitySummaries: c.activitySummaries,
      samples: c.samples,
      recordErrors: c.recordErrors,
      nestedRecords: c.nestedRecords,
      unsupported: Object.fromEntries(this.unsupported),
      unsupportedCount: c.unsupportedCount,
      strippedControlCharacters: this.scanner.counters.strippedControlCharacters,
      droppedNodes: c.droppedNodes,
    };
  }

  private element(top: TopLevelElement): void {
    const { element } = top;
    this.counters.droppedNodes += top.droppedNodes;
    try {
      switch (element.name) {
        case 'Record':
          this.counters.records++;
          mapRecord(element, top, this.context, this.sink);
          break;
        case 'Correlation':
          this.counters.correlations++;
          mapCorrelation(element, top, this.context, this.sink);
          break;
        case 'Workout':
          this.counters.workouts++;
          mapWorkout(element, top, this.context, this.sink);
          break;
        case 'ActivitySummary':
          this.counters.activitySummaries++;
          mapActivitySummary(element, top, this.sink);
          break;
        case 'Me':
          mapMe(element, this.sink);
          break;
        case 'ExportDate':
          mapExportDate(element, this.sink);
          break;
        default:
          this.sink.unsupported(element.name);
      }
    } catch (error) {
      if (!(error instanceof RecordRejection)) throw error;
      this.sink.recordError({
        index: top.index,
        offset: top.offset,
        line: top.line,
        element: element.name,
        identifier: identifierOf(element),
        code: error.code,
        reason: error.reason,
      });
    }
  }
}

/**
 * The same parser as an async iterator: yields the events of each chunk as one batch (an array, never empty; batching
 * keeps the per-event cost of async iteration out of the hot path) and returns the final counters. Throws
 * AppleHealthExportError like the parser.
 */
export async function* parseAppleHealthExport(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: AppleHealthParserOptions = {},
): AsyncGenerator<AppleHealthEvent[], AppleHealthParseStats, undefined> {
  let batch: AppleHealthEvent[] = [];
  const parser = new AppleHealthParser(
    {
      onSample: (sample, info) => batch.push({ kind: 'sample', sample, info }),
      onActivitySummary: (summary, position) => batch.push({ kind: 'activitySummary', summary, position }),
      onMe: (me) => batch.push({ kind: 'me', me }),
      onExportDate: (exportDate) => batch.push({ kind: 'exportDate', exportDate }),
      onRecordError: (error) => batch.push({ kind: 'recordError', error }),
    },
    options,
  );
  for await (const chunk of source) {
    parser.write(chunk);
    if (batch.length > 0) {
      const ready = batch;
      batch = [];
      yield ready;
    }
  }
  return parser.end();
}
