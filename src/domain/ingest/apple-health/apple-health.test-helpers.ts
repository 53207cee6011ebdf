/** Test helpers: record scanner events, build export trees with our scanner and with saxes (the reference). */
import { SaxesParser } from 'saxes';
import { AppleHealthParser, type AppleHealthParserOptions, type AppleHealthParseStats } from './apple-health-parser.js';
import { ExportEvents, type ExportElement } from './export-events.js';
import type { ActivitySummary, ExportDate, MeCharacteristics, RecordError, SampleInfo } from './export-types.js';
import { XmlScanner, type XmlScannerOptions } from './xml-scanner.js';
import type { SampleInput } from '../../observations/index.js';

export type ScanEvent = ['open', string, [string, string][], boolean, number, number] | ['close', string];

/** Feeds `chunks` to a scanner and returns every event (attributes copied, since the scanner reuses its arrays). */
export function scanEvents(chunks: readonly Uint8Array[], options: XmlScannerOptions = {}): { events: ScanEvent[]; scanner: XmlScanner } {
  const events: ScanEvent[] = [];
  const scanner = new XmlScanner(
    {
      openTag(name, attributes, selfClosing, offset, line) {
        const pairs: [string, string][] = [];
        for (let k = 0; k < attributes.count; k++) pairs.push([attributes.names[k]!, attributes.values[k]!]);
        events.push(['open', name, pairs, selfClosing, offset, line]);
      },
      closeTag(name) {
        events.push(['close', name]);
      },
    },
    options,
  );
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return { events, scanner };
}

/** `bytes` cut at the given (sorted, deduplicated) positions. */
export function splitAt(bytes: Uint8Array, positions: readonly number[]): Buffer[] {
  const cuts = [...new Set(positions.filter((p) => p > 0 && p < bytes.length))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of cuts) {
    chunks.push(Buffer.from(bytes.subarray(start, cut)));
    start = cut;
  }
  chunks.push(Buffer.from(bytes.subarray(start)));
  return chunks;
}

/** `bytes` in chunks of `size`. */
export function chunked(bytes: Uint8Array, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(Buffer.from(bytes.subarray(i, i + size)));
  return chunks.length === 0 ? [Buffer.alloc(0)] : chunks;
}

export interface PlainElement {
  name: string;
  attributes: Record<string, string>;
  children: PlainElement[];
}

function plain(element: ExportElement): PlainElement {
  return { name: element.name, attributes: { ...element.attributes }, children: element.children.map(plain) };
}

/** The children of `<HealthData>` as trees, through our scanner. */
export function ourTrees(chunks: readonly Uint8Array[]): PlainElement[] {
  const trees: PlainElement[] = [];
  const events = new ExportEvents((top) => trees.push(plain(top.element)));
  const scanner = new XmlScanner(events);
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return trees;
}

/**
 * Removes the internal DTD subset (`<!DOCTYPE HealthData [ … ]>`): saxes cannot parse the broken subset of iOS 16+
 * exports, and it holds no data. Everything after it is left byte for byte.
 */
export function stripInternalDtd(xml: string): string {
  const start = xml.indexOf('<!DOCTYPE');
  if (start < 0) return xml;
  const end = xml.indexOf(']>', start);
  return end < 0 ? xml : xml.slice(0, start) + xml.slice(end + 2);
}

/** The children of `<HealthData>` as trees, through saxes (the reference parser). Throws on any saxes error. */
export function saxesTrees(xml: string): PlainElement[] {
  const trees: PlainElement[] = [];
  const stack: PlainElement[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: PlainElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [] };
    if (stack.length >= 2) stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    if (stack.length === 1) trees.push(element);
  });
  parser.write(stripInternalDtd(xml)).close();
  return trees;
}

export interface Collected {
  samples: { sample: SampleInput; info: SampleInfo }[];
  summaries: ActivitySummary[];
  me: MeCharacteristics[];
  exportDates: ExportDate[];
  errors: RecordError[];
  stats: AppleHealthParseStats;
}

/** Runs the whole parser over `chunks` and collects everything it reports. */
export function parseAll(chunks: readonly Uint8Array[], options: AppleHealthParserOptions = {}): Collected {
  const collected: Omit<Collected, 'stats'> = { samples: [], summaries: [], me: [], exportDates: [], errors: [] };
  const parser = new AppleHealthParser(
    {
      onSample: (sample, info) => collected.samples.push({ sample, info }),
      onActivitySummary: (summary) => collected.summaries.push(summary),
      onMe: (me) => collected.me.push(me),
      onExportDate: (exportDate) => collected.exportDates.push(exportDate),
      onRecordError: (error) => collected.errors.push(error),
    },
    options,
  );
  for (const chunk of chunks) parser.write(chunk);
  return { ...collected, stats: parser.end() };
}

/** A minimal export around `body` (children of HealthData). */
export function exportXml(body: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>\n'): string {
  return `${prolog}<HealthData locale="en_US">\n${body}\n</HealthData>\n`;
}

/** parseAll over a string document, in one chunk. */
export function parseXml(xml: string, options: AppleHealthParserOptions = {}): Collected {
  return parseAll([Buffer.from(xml)], options);
}
