/**
 * Element stack → one event per child of `<HealthData>`. Each top-level element (Record, Correlation, Workout,
 * ActivitySummary, Me, ExportDate, …) is delivered whole, as a small tree of its attributes and nested elements, once
 * its end tag is read; nothing else of the document is kept. A nested `<Record>` inside a `<Correlation>` is part of
 * the correlation's tree, never an event of its own.
 */
import { AppleHealthExportError } from './errors.js';
import type { XmlAttributes, XmlHandler } from './xml-scanner.js';

export interface ExportElement {
  readonly name: string;
  /** Attribute values decoded (entities resolved). The last of duplicated attributes wins. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly ExportElement[];
}

export interface TopLevelElement {
  readonly element: ExportElement;
  /** 0-based position among the children of `<HealthData>`. */
  readonly index: number;
  /** Byte offset and 1-based line of the element's start tag. */
  readonly offset: number;
  readonly line: number;
  /** Nested elements dropped because the element held more than `maxNodesPerElement`. */
  readonly droppedNodes: number;
}

export interface ExportEventsOptions {
  /** Most elements kept in one top-level element's tree (inline workout-route Locations of old exports). Default 100 000. */
  readonly maxNodesPerElement?: number;
}

export const DEFAULT_MAX_NODES_PER_ELEMENT = 100_000;
export const ROOT_ELEMENT = 'HealthData';

const NO_CHILDREN: readonly ExportElement[] = Object.freeze([]);

interface MutableElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  children: ExportElement[];
}

/**
 * The attributes as a plain object. A duplicated attribute (not well-formed XML) keeps its last value. An attribute
 * called `__proto__` is dropped by the assignment itself (setting an object's prototype to a string does nothing).
 */
function attributeMap(attributes: XmlAttributes): Record<string, string> {
  const map: Record<string, string> = {};
  const names = attributes.names;
  const values = attributes.values;
  for (let k = 0; k < attributes.count; k++) map[names[k]!] = values[k]!;
  return map;
}

/** An XmlHandler that checks the root is `<HealthData>` and hands over each of its children as a tree. */
export class ExportEvents implements XmlHandler {
  private depth = 0;
  /** Open elements below the root; null for an element dropped over the node limit. */
  private readonly stack: (MutableElement | null)[] = [];
  private index = 0;
  private nodes = 0;
  private dropped = 0;
  private topOffset = 0;
  private topLine = 0;
  private readonly maxNodes: number;
  /** `locale` of `<HealthData>` ("en_US"), once the root is read. */
  locale: string | null = null;

  constructor(
    private readonly onElement: (top: TopLevelElement) => void,
    options: ExportEventsOptions = {},
  ) {
    this.maxNodes = options.maxNodesPerElement ?? DEFAULT_MAX_NODES_PER_ELEMENT;
  }

  /** Top-level elements delivered so far. */
  get elementCount(): number {
    return this.index;
  }

  openTag(name: string, attributes: XmlAttributes, _selfClosing: boolean, offset: number, line: number): void {
    const depth = ++this.depth;
    if (depth === 1) {
      if (name !== ROOT_ELEMENT) {
        throw new AppleHealthExportError('not_apple_health', `the root element is <${name}>, not <${ROOT_ELEMENT}>`, offset, line);
      }
      this.locale = attributeMap(attributes)['locale'] ?? null;
      return;
    }
    if (depth === 2) {
      this.nodes = 1;
      this.dropped = 0;
      this.topOffset = offset;
      this.topLine = line;
      this.stack.push({ name, attributes: attributeMap(attributes), children: NO_CHILDREN as ExportElement[] });
      return;
    }
    const parent = this.stack[this.stack.length - 1]!;
    if (parent === null || this.nodes >= this.maxNodes) {
      this.dropped++;
      this.stack.push(null);
      return;
    }
    this.nodes++;
    const element: MutableElement = { name, attributes: attributeMap(attributes), children: NO_CHILDREN as ExportElement[] };
    if (parent.children === NO_CHILDREN) parent.children = [];
    parent.children.push(element);
    this.stack.push(element);
  }

  closeTag(_name: string): void {
    const depth = this.depth--;
    if (depth === 1) return;
    const element = this.stack.pop();
    if (depth === 2 && element) {
      this.onElement({ element, index: this.index++, offset: this.topOffset, line: this.topLine, droppedNodes: this.dropped });
    }
  }
}
