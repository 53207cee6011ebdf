/**
 * Differential property test: on random well-formed documents (names, attribute orders and prefixes that defeat the
 * scanner's name prediction, entities, character references, non-ASCII, whitespace and line ends in values and
 * between attributes, comments, nesting), cut at random points, the scanner reports exactly the start tags, attributes
 * and end tags that saxes (the reference XML parser) reports for the whole document.
 */
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { scanEvents, splitAt } from './apple-health.test-helpers.js';

type Event = ['open', string, [string, string][]] | ['close', string];

function saxesEvents(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => events.push(['open', tag.name, Object.entries(tag.attributes as Record<string, string>)]));
  parser.on('closetag', (tag) => events.push(['close', tag.name]));
  parser.write(xml).close();
  return events;
}

function ourEvents(bytes: Buffer, cuts: number[]): Event[] {
  return scanEvents(splitAt(bytes, cuts)).events.map((e): Event => (e[0] === 'open' ? ['open', e[1], e[2]] : e));
}

const NAMES = ['Record', 'RecordX', 'Rec', 'MetadataEntry', 'a', 'é', 'x-y.z', 'ns:tag'];
const ATTRIBUTE_NAMES = ['type', 'value', 'valueX', 'val', 'unit', 'k', 'ü', 'a-b'];
const VALUE_PIECES = [
  'abc',
  '72',
  ' ',
  'Anna’s',
  'Zoë',
  '😀',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#233;',
  '&#x1F600;',
  '&#10;',
  '\t',
  '\n',
  '\r\n',
  "'",
  '"',
];
const SPACES = [' ', '  ', '\n   ', '\t', '\r\n '];

const value = fc.array(fc.constantFrom(...VALUE_PIECES), { maxLength: 6 }).map((pieces) => pieces.join(''));
const space = fc.constantFrom(...SPACES);
const attributes = fc
  .uniqueArray(fc.constantFrom(...ATTRIBUTE_NAMES), { maxLength: 5 })
  .chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), value, space, fc.constantFrom('', ' '), fc.boolean()))));

interface Node {
  name: string;
  attributes: [string, string, string, string, boolean][];
  children: Node[];
  comment: boolean;
}

const node: fc.Memo<Node> = fc.memo((depth) =>
  fc.record({
    name: fc.constantFrom(...NAMES),
    attributes,
    children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 4 }) : fc.constant([]),
    comment: fc.boolean(),
  }),
);

function quoteValue(text: string, useSingle: boolean): string {
  // A value may hold the other quote; escape its own quote character.
  return useSingle ? `'${text.replace(/'/g, '&apos;')}'` : `"${text.replace(/"/g, '&quot;')}"`;
}

function serialise(n: Node): string {
  const attrs = n.attributes.map(
    ([name, text, before, aroundEquals, single]) => `${before}${name}${aroundEquals}=${aroundEquals}${quoteValue(text, single)}`,
  );
  const open = `<${n.name}${attrs.join('')}`;
  const comment = n.comment ? '<!-- c -->' : '';
  if (n.children.length === 0) return `${open}/>${comment}`;
  return `${open}>${comment}\n${n.children.map(serialise).join('\n')}\n</${n.name}>`;
}

describe('XmlScanner vs saxes (differential, property)', () => {
  it('reports the same tags and attribute values as saxes on random documents cut at random points', () => {
    fc.assert(
      fc.property(node(4), fc.array(fc.nat(), { maxLength: 8 }), (root, rawCuts) => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- prolog -->\n${serialise(root)}\n`;
        const bytes = Buffer.from(xml);
        const cuts = rawCuts.map((c) => c % bytes.length);
        expect(ourEvents(bytes, cuts)).toEqual(saxesEvents(xml));
      }),
      { numRuns: 400 },
    );
  });
});
