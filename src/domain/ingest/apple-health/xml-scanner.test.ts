/**
 * The byte scanner: events, chunk-boundary independence (property test over split points), entities, control
 * characters, DTD skipping, and the structural errors. Expected values are written out by hand from the XML 1.0
 * rules (attribute-value normalisation §3.3.3, predefined entities §4.6, character references §4.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked, scanEvents, splitAt, type ScanEvent } from './apple-health.test-helpers.js';
import { AppleHealthExportError, type ExportErrorCode } from './errors.js';

const SMALL = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE HealthData [\n  <!ELEMENT HealthData (Record*)>\n  <!ATTLIST Record\n    type CDATA #REQUIRED\n>\n]>\n' +
    '<HealthData locale="en_US">\n' +
    ' <!-- a comment with <tags> & ampersands -->\n' +
    ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Anna’s Watch" device="&lt;&lt;HKDevice: 0x1&gt;, name:Watch&gt;" value="72">\n' +
    '  <MetadataEntry key="HKTimeZone" value="Europe/Zürich"/>\n' +
    ' </Record>\n' +
    ' <Record type=\'HKCategoryTypeIdentifierSleepAnalysis\'\n   value="a &amp; b &#65;&#x42; &quot;q&quot; &apos;" />\n' +
    ' <?pi ignored?>\n' +
    ' <Note><![CDATA[ <not-a-tag> ]]></Note>\n' +
    '</HealthData>\n',
);

/** Byte offset of the n-th (0-based) occurrence of `text` in SMALL: where the scanner must say a tag starts. */
function at(text: string, n = 0): number {
  let offset = -1;
  for (let k = 0; k <= n; k++) offset = SMALL.indexOf(text, offset + 1);
  return offset;
}

const SMALL_EVENTS: ScanEvent[] = [
  ['open', 'HealthData', [['locale', 'en_US']], false, at('<HealthData'), 8],
  [
    'open',
    'Record',
    [
      ['type', 'HKQuantityTypeIdentifierHeartRate'],
      ['sourceName', 'Anna’s Watch'],
      ['device', '<<HKDevice: 0x1>, name:Watch>'],
      ['value', '72'],
    ],
    false,
    at('<Record'),
    10,
  ],
  [
    'open',
    'MetadataEntry',
    [
      ['key', 'HKTimeZone'],
      ['value', 'Europe/Zürich'],
    ],
    true,
    at('<MetadataEntry'),
    11,
  ],
  ['close', 'MetadataEntry'],
  ['close', 'Record'],
  [
    'open',
    'Record',
    [
      ['type', 'HKCategoryTypeIdentifierSleepAnalysis'],
      ['value', 'a & b AB "q" \''],
    ],
    true,
    at('<Record', 1),
    13,
  ],
  ['close', 'Record'],
  ['open', 'Note', [], false, at('<Note'), 16],
  ['close', 'Note'],
  ['close', 'HealthData'],
];

function errorCode(run: () => unknown): ExportErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof AppleHealthExportError) return error.code;
    throw error;
  }
  return 'no error';
}

const scan = (xml: string | Buffer) => scanEvents([typeof xml === 'string' ? Buffer.from(xml) : xml]).events;

describe('XmlScanner events', () => {
  it('reports start tags with decoded attributes, end tags, offsets and lines; skips prolog, comments, PIs, CDATA', () => {
    expect(scan(SMALL)).toEqual(SMALL_EVENTS);
  });

  it('gives the same events whatever the chunk size, down to one byte', () => {
    for (const size of [1, 2, 3, 5, 7, 16, 64, 1000]) expect(scanEvents(chunked(SMALL, size)).events).toEqual(SMALL_EVENTS);
  });

  it('gives the same events for any split points (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: SMALL.length - 1 }), { maxLength: 12 }), (cuts) => {
        expect(scanEvents(splitAt(SMALL, cuts)).events).toEqual(SMALL_EVENTS);
      }),
      { numRuns: 500 },
    );
  });

  it('splits every two-piece cut of the document identically (exhaustive)', () => {
    for (let cut = 1; cut < SMALL.length; cut++) expect(scanEvents(splitAt(SMALL, [cut])).events).toEqual(SMALL_EVENTS);
  });

  it('skips a UTF-8 byte-order mark, also when it arrives a byte at a time', () => {
    const doc = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a x="1"/>')]);
    expect(scanEvents(chunked(doc, 1)).events).toEqual([
      ['open', 'a', [['x', '1']], true, 3, 1],
      ['close', 'a'],
    ]);
  });

  it('recognises names the same when a predicted attribute name is only a prefix of the real one', () => {
    const events = scan('<r><e value="1" unit="a"/><e valueX="2" unit="b"/><e val="3"/><e value ="4"/></r>');
    expect(events.filter((e) => e[0] === 'open').map((e) => e[2])).toEqual([
      [],
      [
        ['value', '1'],
        ['unit', 'a'],
      ],
      [
        ['valueX', '2'],
        ['unit', 'b'],
      ],
      [['val', '3']],
      [['value', '4']],
    ]);
  });

  it('recognises element names the same when the previous element name is a prefix', () => {
    const events = scan('<r><Record/><RecordX/><Rec/><Record/></r>');
    expect(events.filter((e) => e[0] === 'open').map((e) => e[1])).toEqual(['r', 'Record', 'RecordX', 'Rec', 'Record']);
  });

  it('decodes UTF-8 names and values, also split inside a multi-byte character', () => {
    const doc = Buffer.from('<doc><élément nom="Zoë 😀"/></doc>');
    for (let cut = 1; cut < doc.length; cut++) {
      expect(scanEvents(splitAt(doc, [cut])).events[1]).toEqual(['open', 'élément', [['nom', 'Zoë 😀']], true, 5, 1]);
    }
  });

  it('accepts single and double quotes, each holding the other', () => {
    expect(scan(`<a x='say "hi"' y="it's"/>`)[0]![2]).toEqual([
      ['x', 'say "hi"'],
      ['y', "it's"],
    ]);
  });

  it('tracks lines across multi-line tags, comments, the DTD and text', () => {
    const events = scan('<?xml version="1.0"?>\n<!--\n\n-->\n<r\n a="1"\n>\n<b/>\n</r>');
    expect(events.filter((e) => e[0] === 'open').map((e) => e[5])).toEqual([5, 8]);
  });
});

describe('XmlScanner entities and characters', () => {
  it('decodes the five predefined entities and decimal/hex character references', () => {
    expect(scan('<a v="&lt;&gt;&amp;&quot;&apos;|&#38;|&#x26;|&#233;|&#x1F600;"/>')[0]![2]).toEqual([['v', '<>&"\'|&|&|é|😀']]);
  });

  it('keeps a bare ampersand literally (not a reference)', () => {
    expect(scan('<a v="fish & chips &; &# &x"/>')[0]![2]).toEqual([['v', 'fish & chips &; &# &x']]);
  });

  it('refuses a reference to an undefined entity in an attribute value or in text', () => {
    expect(errorCode(() => scan('<a v="&nbsp;"/>'))).toBe('undefined_entity');
    expect(errorCode(() => scan('<a>x &lol9; y</a>'))).toBe('undefined_entity');
  });

  it('refuses an undefined entity in text even when the reference is cut by a chunk boundary', () => {
    const doc = Buffer.from('<a>text &lol; text</a>');
    for (let cut = 1; cut < doc.length; cut++) expect(errorCode(() => scanEvents(splitAt(doc, [cut])))).toBe('undefined_entity');
  });

  it('normalises literal tab, LF, CR and CRLF in values to one space each; keeps &#10; and &#9;', () => {
    expect(scan('<a v="x\ty\nz\r\nw\rv" w="a&#10;b&#9;c&#13;d"/>')[0]![2]).toEqual([
      ['v', 'x y z w v'],
      ['w', 'a\nb\tc\rd'],
    ]);
  });

  it('drops stray control characters (raw or as references) from values and counts them', () => {
    const { events, scanner } = scanEvents([Buffer.from('<a v="Anna\u0001’s\u001b Watch" w="x&#1;y&#0;z"/>')]);
    expect(events[0]![2]).toEqual([
      ['v', 'Anna’s Watch'],
      ['w', 'xyz'],
    ]);
    expect(scanner.counters.strippedControlCharacters).toBe(4);
  });

  it('tolerates stray control characters between attributes', () => {
    expect(scan('<a\u0000x="1"\u0007y="2"/>')[0]![2]).toEqual([
      ['x', '1'],
      ['y', '2'],
    ]);
  });
});

describe('XmlScanner DOCTYPE', () => {
  const broken =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n' +
    '  <!-- HealthKit Export Version: 12 -->\n' +
    '  <!ATTLIST VisionPrescription\n    type CDATA #REQUIRED\n    brand CDATA #IMPLIED\n' +
    '  <!ELEMENT RightEye EMPTY>\n  device CDATA #IMPLIED\n>\n>\n]>\n<HealthData locale="en_US"><ExportDate value="x"/></HealthData>';

  it('skips the broken internal subset of iOS 16+ exports (an ATTLIST without its >)', () => {
    expect(scan(broken).map((e) => e[1])).toEqual(['HealthData', 'ExportDate', 'ExportDate', 'HealthData']);
  });

  it('skips comments, quoted literals and processing instructions in the subset even when they hold ]>', () => {
    const doc = '<!DOCTYPE r SYSTEM "x]>y" [ <!-- ]> --> <?pi ]> ?> <!ATTLIST r a CDATA "]>"> ]><r/>';
    expect(scan(doc).map((e) => e[1])).toEqual(['r', 'r']);
  });

  it('refuses any ENTITY declaration (general or parameter), wherever the chunks split', () => {
    const doc = Buffer.from('<!DOCTYPE r [ <!ENTITY % p "x"> ]><r/>');
    for (let cut = 1; cut < doc.length; cut++) expect(errorCode(() => scanEvents(splitAt(doc, [cut])))).toBe('entity_declaration');
  });

  it('refuses a DOCTYPE after the root element started, or a second one', () => {
    expect(errorCode(() => scan('<r><!DOCTYPE r></r>'))).toBe('malformed');
    expect(errorCode(() => scan('<!DOCTYPE r><!DOCTYPE r><r/>'))).toBe('malformed');
  });
});

describe('XmlScanner refusals', () => {
  const cases: [string, string | Buffer, ExportErrorCode][] = [
    ['an empty document', '', 'not_xml'],
    ['only whitespace', ' \n ', 'not_xml'],
    ['text before the root', 'PK\u0003\u0004 binary', 'not_xml'],
    ['JSON', '{"data": []}', 'not_xml'],
    ['UTF-16 with a byte-order mark', Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'unsupported_encoding'],
    ['a declared non-UTF-8 encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><r/>', 'unsupported_encoding'],
    ['an XML declaration after the start', '<r/><?xml version="1.0"?>', 'malformed'],
    ['EOF inside a start tag', '<r><a x="1"', 'truncated'],
    ['EOF inside an attribute value', '<r><a x="1', 'truncated'],
    ['EOF inside a comment', '<r><!-- never closed', 'truncated'],
    ['EOF before the end tag of the root', '<r><a/>', 'truncated'],
    ['EOF inside an end tag', '<r></r', 'truncated'],
    ['mismatched end tag', '<r><a></b></r>', 'malformed'],
    ['an end tag without start tag', '</r>', 'not_xml'],
    ['content after the root', '<r/>junk', 'malformed'],
    ['a second root element', '<r/><s/>', 'malformed'],
    ["'<' in an attribute value", '<r a="x<y"/>', 'malformed'],
    ['an unquoted attribute value', '<r a=1/>', 'malformed'],
    ['an attribute without a value', '<r a/>', 'malformed'],
    ["a '/' not followed by '>'", '<r a="1" / >', 'malformed'],
    ['CDATA outside the root', '<![CDATA[x]]><r/>', 'malformed'],
  ];
  for (const [what, doc, code] of cases) {
    it(`refuses ${what} (${code})`, () => expect(errorCode(() => scan(doc))).toBe(code));
  }

  it('refuses a token over maxTokenBytes and nesting over maxDepth', () => {
    const long = Buffer.from(`<r><a v="${'x'.repeat(5000)}"/></r>`);
    expect(errorCode(() => scanEvents(chunked(long, 100), { maxTokenBytes: 1000 }))).toBe('limit_exceeded');
    expect(errorCode(() => scanEvents([Buffer.from('<a><b><c><d/></c></b></a>')], { maxDepth: 3 }))).toBe('limit_exceeded');
    expect(scanEvents(chunked(long, 100), { maxTokenBytes: 6000 }).events).toHaveLength(4);
  });

  it('reports the position of the problem', () => {
    try {
      scan('<r>\n<a x="1">\n</b></r>');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppleHealthExportError);
      expect(error).toMatchObject({ code: 'malformed', line: 3, offset: 14 });
    }
  });

  it('throws on write after end', () => {
    const { scanner } = scanEvents([Buffer.from('<r/>')]);
    expect(() => scanner.write(Buffer.from(' '))).toThrow(/after end/);
  });
});
