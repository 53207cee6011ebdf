/**
 * Hostile and broken documents: entity expansion attacks are refused before anything is expanded (we never expand a
 * custom entity), a truncated document is refused wherever it is cut, and oversized tokens hit the limits.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportXml, parseAll, parseXml, splitAt } from './apple-health.test-helpers.js';
import { AppleHealthParser } from './apple-health-parser.js';
import { AppleHealthExportError, type ExportErrorCode } from './errors.js';

function refusal(run: () => unknown): ExportErrorCode | 'accepted' {
  try {
    run();
  } catch (error) {
    if (error instanceof AppleHealthExportError) return error.code;
    throw error;
  }
  return 'accepted';
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<HealthData locale="en_US"><Record type="HKQuantityTypeIdentifierHeartRate" sourceName="&lol9;" unit="count/min" startDate="2022-12-15 17:48:29 -0800" endDate="2022-12-15 17:48:29 -0800" value="1"/></HealthData>`;

describe('entity attacks', () => {
  it('refuses billion laughs at its first ENTITY declaration', () => {
    expect(refusal(() => parseXml(BILLION_LAUGHS))).toBe('entity_declaration');
  });

  it('refuses an external entity declaration (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><HealthData>&xxe;</HealthData>';
    expect(refusal(() => parseXml(xxe))).toBe('entity_declaration');
  });

  it('refuses a reference to an undeclared entity (billion laughs without its DTD)', () => {
    const withoutDtd = BILLION_LAUGHS.slice(BILLION_LAUGHS.indexOf('<HealthData'));
    expect(refusal(() => parseXml(withoutDtd))).toBe('undefined_entity');
    expect(refusal(() => parseXml(exportXml('<ExportDate value="&nbsp;"/>')))).toBe('undefined_entity');
  });

  it('ignores an external DTD reference (never fetched) and parses on', () => {
    const doc =
      '<?xml version="1.0"?><!DOCTYPE HealthData SYSTEM "http://example.invalid/x.dtd"><HealthData><ExportDate value="2019-07-19 10:36:11 -0700"/></HealthData>';
    expect(parseXml(doc).exportDates).toHaveLength(1);
  });
});

describe('truncated documents', () => {
  const FIXTURE = readFileSync(fileURLToPath(new URL('../../../../test/fixtures/apple-health/dogsheep/export.xml', import.meta.url)));
  const complete = FIXTURE.lastIndexOf('</HealthData>') + '</HealthData>'.length;

  it('refuses every strict prefix of a real export that stops before </HealthData> is complete', () => {
    for (let cut = 0; cut < complete; cut++) {
      const code = refusal(() => parseAll([FIXTURE.subarray(0, cut)]));
      expect(code, `cut at ${cut}`).toBe(cut === 0 ? 'not_xml' : 'truncated');
    }
    expect(refusal(() => parseAll([FIXTURE.subarray(0, complete)]))).toBe('accepted');
  });

  it('refuses a truncated document whatever the chunking (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: complete - 1 }), fc.array(fc.nat(), { maxLength: 6 }), (cut, rawCuts) => {
        const prefix = FIXTURE.subarray(0, cut);
        const chunks = splitAt(
          prefix,
          rawCuts.map((c) => c % cut),
        );
        expect(refusal(() => parseAll(chunks))).toBe('truncated');
      }),
      { numRuns: 300 },
    );
  });

  it('still reports the records read before the cut, then throws at end() (whoever stores them decides about rollback)', () => {
    const types: string[] = [];
    const parser = new AppleHealthParser({ onSample: (sample) => types.push(sample.type) });
    parser.write(FIXTURE.subarray(0, FIXTURE.indexOf('<Workout')));
    expect(types).toEqual(['bmi', 'heart_rate']);
    expect(() => parser.end()).toThrow(/ends before <\/HealthData>/);
  });
});

describe('resource limits', () => {
  it('refuses a single enormous tag instead of buffering it', () => {
    const huge = Buffer.from(exportXml(`<Record type="x" sourceName="${'A'.repeat(3_000_000)}"/>`));
    expect(
      refusal(() =>
        parseAll(
          splitAt(
            huge,
            Array.from({ length: 50 }, (_, k) => k * 65_536),
          ),
        ),
      ),
    ).toBe('limit_exceeded');
  });

  it('refuses absurd nesting', () => {
    const deep = `<HealthData>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</HealthData>`;
    expect(refusal(() => parseXml(deep))).toBe('limit_exceeded');
  });

  it('keeps only maxNodesPerElement nested elements of one element (counted, not stored)', () => {
    const many = exportXml(
      `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" sourceName="s" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:10:00 +0000"><WorkoutRoute sourceName="s">${'<Location latitude="1" longitude="2"/>'.repeat(1000)}</WorkoutRoute></Workout>`,
    );
    const { samples, stats } = parseXml(many, { maxNodesPerElement: 100 });
    expect(samples[0]!.info.workout!.routes[0]!.locations).toHaveLength(98);
    expect(stats.droppedNodes).toBe(902);
  });
});
