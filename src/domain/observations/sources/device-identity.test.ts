import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, deviceKey, deviceKeyOf, parseHkDevice } from './device-identity.js';

/*
 * Attribute values copied verbatim (still XML-escaped, as they appear in the files) from the fixtures:
 *  - ../shared/fixtures/apple-health/dogsheep/export.xml (2018, iOS 12 era: manufacturer "Apple")
 *  - ../shared/fixtures/apple-health/jshrake-example/export.zip → apple_health_export/export.xml (2022: "Apple Inc.")
 */
const DOGSHEEP_WATCH =
  '&lt;&lt;HKDevice: 0x282a45810&gt;, name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1&gt;';
const JSHRAKE_IPHONE =
  '&lt;&lt;HKDevice: 0x281038280&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,3, software:16.1.2&gt;';
const JSHRAKE_WATCH =
  '&lt;&lt;HKDevice: 0x2813d5c20&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch5,4, software:6.1.2&gt;';
/** iOS 17+ form (public export excerpt): decoded, with a `creation date` field whose value holds colons. */
const IOS18_WATCH =
  '<<HKDevice: 0x3035d1db0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,10, software:10.6.1, creation date:2024-08-24 17:12:03 +0000>';

describe('parseHkDevice on real export strings', () => {
  it('parses the dogsheep Apple Watch (escaped form) and drops the memory address', () => {
    const device = parseHkDevice(DOGSHEEP_WATCH);
    expect(device).toEqual({
      name: 'Apple Watch',
      manufacturer: 'Apple',
      model: 'Watch',
      hardware: 'Watch2,4',
      software: '4.3.1',
      extra: {},
    });
    expect(JSON.stringify(device)).not.toContain('0x');
  });

  it('parses the jshrake iPhone and Watch', () => {
    expect(parseHkDevice(JSHRAKE_IPHONE)).toMatchObject({
      name: 'iPhone',
      manufacturer: 'Apple Inc.',
      model: 'iPhone',
      hardware: 'iPhone14,3',
      software: '16.1.2',
    });
    expect(parseHkDevice(JSHRAKE_WATCH)).toMatchObject({ model: 'Watch', hardware: 'Watch5,4', software: '6.1.2' });
  });

  it('keeps a comma inside hardware and colons inside the iOS 17+ creation date', () => {
    expect(parseHkDevice(IOS18_WATCH)).toEqual({
      name: 'Apple Watch',
      manufacturer: 'Apple Inc.',
      model: 'Watch',
      hardware: 'Watch6,10',
      software: '10.6.1',
      creationDate: '2024-08-24 17:12:03 +0000',
      extra: {},
    });
  });

  it('gives the escaped and the decoded form the same parse', () => {
    expect(parseHkDevice(JSHRAKE_WATCH)).toEqual(parseHkDevice(decodeXmlEntities(JSHRAKE_WATCH)));
    // escaped twice (&amp;lt;) is tolerated too
    expect(parseHkDevice(JSHRAKE_WATCH.replace(/&/g, '&amp;'))).toEqual(parseHkDevice(JSHRAKE_WATCH));
  });
});

describe('parseHkDevice tolerance', () => {
  it('returns undefined for absent or empty descriptions', () => {
    expect(parseHkDevice(undefined)).toBeUndefined();
    expect(parseHkDevice(null)).toBeUndefined();
    expect(parseHkDevice('   ')).toBeUndefined();
    expect(parseHkDevice('<<HKDevice: 0x1>>')).toBeUndefined(); // an address and nothing else
  });

  it('tolerates odd spacing, missing fields, (null) values and any order', () => {
    expect(parseHkDevice('<<HKDevice:0x1>,name :  Oura ,  manufacturer:Oura Health Oy,model:(null), hardware:,software:3.1>')).toEqual({
      name: 'Oura',
      manufacturer: 'Oura Health Oy',
      software: '3.1',
      extra: {},
    });
    expect(parseHkDevice('hardware:iPhone10,4, name:iPhone')).toEqual({ hardware: 'iPhone10,4', name: 'iPhone', extra: {} });
  });

  it('reads the optional HKDevice fields and keeps unknown ones in extra', () => {
    const device = parseHkDevice(
      '<<HKDevice: 0xabc>, name:Polar H10 8A3B2C1D, manufacturer:Polar Electro Oy, model:H10, firmware:3.1.1, localIdentifier:8A3B2C1D-0000-4000-8000-000000000001, UDIDeviceIdentifier:0123, battery level:80>',
    );
    expect(device).toEqual({
      name: 'Polar H10 8A3B2C1D',
      manufacturer: 'Polar Electro Oy',
      model: 'H10',
      firmware: '3.1.1',
      localIdentifier: '8A3B2C1D-0000-4000-8000-000000000001',
      udiDeviceIdentifier: '0123',
      extra: { 'battery level': '80' },
    });
  });

  it('takes a description without key:value fields as a bare name', () => {
    expect(parseHkDevice('Apple Watch')).toEqual({ name: 'Apple Watch', extra: {} });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseHkDevice(text);
        expect(parsed === undefined || typeof parsed.extra === 'object').toBe(true);
        deviceKey(parsed);
      }),
    );
  });
});

describe('deviceKey', () => {
  it('is the same for every record of one device: the memory address differs per record', () => {
    const keys = new Set(
      ['0x282a45810', '0x2830f01e0', '0x174484920', '0x1'].map((address) => deviceKeyOf(DOGSHEEP_WATCH.replace('0x282a45810', address))),
    );
    expect(keys.size).toBe(1);
    expect(deviceKeyOf(DOGSHEEP_WATCH)).toBe('dev1|apple|watch|watch2,4|apple watch|');
  });

  it('does not change on a software update', () => {
    expect(deviceKeyOf(JSHRAKE_WATCH.replace('software:6.1.2', 'software:7.0'))).toBe(deviceKeyOf(JSHRAKE_WATCH));
    expect(deviceKeyOf(IOS18_WATCH.replace(', creation date:2024-08-24 17:12:03 +0000', ''))).toBe(deviceKeyOf(IOS18_WATCH));
  });

  it('treats "Apple" and "Apple Inc." (the two spellings in the fixtures) as one manufacturer', () => {
    const sameWatchOldSpelling = JSHRAKE_WATCH.replace('manufacturer:Apple Inc.', 'manufacturer:Apple');
    expect(deviceKeyOf(sameWatchOldSpelling)).toBe(deviceKeyOf(JSHRAKE_WATCH));
  });

  it('separates different devices: phone vs watch, watch generations, two units of one model', () => {
    const keys = [
      deviceKeyOf(JSHRAKE_IPHONE),
      deviceKeyOf(JSHRAKE_WATCH),
      deviceKeyOf(DOGSHEEP_WATCH),
      deviceKeyOf('<<HKDevice: 0x1>, name:Polar H10, manufacturer:Polar, model:H10, localIdentifier:AAA>'),
      deviceKeyOf('<<HKDevice: 0x2>, name:Polar H10, manufacturer:Polar, model:H10, localIdentifier:BBB>'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is insensitive to spacing, case and escaping', () => {
    expect(deviceKeyOf('<<HKDevice: 0x9>,  name:apple  watch, manufacturer:APPLE INC, model: watch , hardware:WATCH5,4>')).toBe(
      deviceKeyOf(JSHRAKE_WATCH),
    );
  });

  it('is null when no identity field is present', () => {
    expect(deviceKeyOf(undefined)).toBeNull();
    expect(deviceKeyOf('<<HKDevice: 0x1>, software:1.0>')).toBeNull();
  });

  it('escapes separators so a | inside a name cannot forge another key', () => {
    const a = deviceKey({ name: 'a|b', extra: {} });
    const b = deviceKey({ name: 'a', hardware: 'b', extra: {} });
    expect(a).not.toBe(b);
  });
});
