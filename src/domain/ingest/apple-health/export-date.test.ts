/**
 * Export dates. Expected instants: worked by hand from the wall time and offset (2019-07-19 10:36:11 -0700 is
 * 17:36:11Z), and, for the property, against Date.UTC (an independent implementation of the same calendar).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../civil-date.js';
import { parseCalendarDate, parseExportInstant, parseExportOffsetMinutes } from './export-date.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('parseExportInstant', () => {
  it('parses the export form to UTC epoch ms and keeps the offset', () => {
    expect(parseExportInstant('2019-07-19 10:36:11 -0700')).toBe(Date.UTC(2019, 6, 19, 17, 36, 11));
    expect(parseExportOffsetMinutes('2019-07-19 10:36:11 -0700')).toBe(-420);
    expect(parseExportInstant('2024-03-31 02:00:00 +0100')).toBe(Date.UTC(2024, 2, 31, 1, 0, 0));
    expect(parseExportInstant('2021-01-01 05:00:00 +0530')).toBe(Date.UTC(2020, 11, 31, 23, 30, 0));
    expect(parseExportOffsetMinutes('2021-01-01 05:00:00 +0530')).toBe(330);
    expect(parseExportOffsetMinutes('2021-01-01 05:00:00 -0930')).toBe(-570);
  });

  it('accepts T, no space before the offset, ±HH:MM and Z', () => {
    const utc = Date.UTC(2022, 11, 15, 20, 0, 2);
    for (const s of ['2022-12-15T12:00:02-0800', '2022-12-15 12:00:02-08:00', '2022-12-15T12:00:02 -08:00', '2022-12-15T20:00:02Z']) {
      expect(parseExportInstant(s)).toBe(utc);
    }
    expect(parseExportOffsetMinutes('2022-12-15T20:00:02Z')).toBe(0);
  });

  it('handles leap days and dates before 1970', () => {
    expect(parseExportInstant('2020-02-29 00:00:00 +0000')).toBe(Date.UTC(2020, 1, 29));
    expect(parseExportInstant('1969-12-31 23:59:59 +0000')).toBe(-1000);
    expect(parseExportInstant('1900-03-01 00:00:00 +0000')).toBe(Date.UTC(1900, 2, 1));
  });

  it('refuses what is not such a date (NaN), never guessing', () => {
    for (const s of [
      '',
      '2019-07-19',
      '2019-07-19 10:36:11',
      '2019-07-19 10:36:11 -07',
      '2019-07-19 10:36:11 -0700 extra',
      '2019-13-01 00:00:00 +0000',
      '2019-02-29 00:00:00 +0000',
      '2019-04-31 00:00:00 +0000',
      '2019-07-19 24:00:00 +0000',
      '2019-07-19 10:60:00 +0000',
      '2019-07-19 10:00:60 +0000',
      '2019-07-19 10:00:00 +2400',
      '2019-07-19 10:00:00 +0060',
      '2019/07/19 10:36:11 -0700',
      '2019-07-19 10:36:11 0700',
      'x019-07-19 10:36:11 -0700',
    ]) {
      expect(parseExportInstant(s), s).toBeNaN();
    }
    expect(parseExportOffsetMinutes('nonsense')).toBeNull();
  });

  it('agrees with Date.UTC on any valid date, time and offset (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offset) => {
          const wall = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text =
            `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
            `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
          expect(parseExportInstant(text)).toBe(wall.getTime() - offset * 60_000);
          expect(parseExportOffsetMinutes(text)).toBe(offset);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('calendar dates', () => {
  it('daysFromCivil matches Date.UTC', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [1600, 3, 1],
      [2400, 12, 31],
      [1, 1, 1],
    ] as const) {
      const utc = new Date(0);
      utc.setUTCFullYear(y, m - 1, d);
      expect(daysFromCivil(y, m, d)).toBe(Math.floor(utc.getTime() / 86_400_000));
    }
  });

  it('parseCalendarDate checks YYYY-MM-DD', () => {
    expect(parseCalendarDate('1980-01-01')).toBe('1980-01-01');
    expect(parseCalendarDate('2016-02-29')).toBe('2016-02-29');
    expect(parseCalendarDate('2015-02-29')).toBeNull();
    expect(parseCalendarDate('')).toBeNull();
    expect(parseCalendarDate('1980-1-1')).toBeNull();
  });
});
