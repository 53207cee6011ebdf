/**
 * HealthKit device identity.
 *
 * Apple's export writes each sample's device as the Objective-C description of an `HKDevice`, e.g. (XML-escaped, as
 * in the file):
 *
 *   device="&lt;&lt;HKDevice: 0x282a45810&gt;, name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1&gt;"
 *
 * `0x282a45810` is the address of the object in the exporting process's memory: it differs from record to record, so
 * keying devices on the raw string turns one phone into hundreds of devices. This module parses the description into
 * fields (address dropped) and derives a stable device key.
 *
 * Identity (what goes into `deviceKey`) and why:
 *  - manufacturer (normalised: "Apple Inc." ≡ "Apple", see normaliseManufacturer), model ("Watch", "iPhone") and
 *    hardware ("Watch2,4", "iPhone14,3"): they name the physical kind of device and never change over its life. A new
 *    watch of a different generation is a different device, which per-device quality statistics need.
 *  - name: for Apple devices a constant ("Apple Watch", "iPhone"); for Bluetooth accessories the advertised name, which
 *    often carries a serial ("Polar H10 8A3B2C1D") and so separates two units of the same model.
 *  - localIdentifier / UDIDeviceIdentifier when present: they identify one physical unit and do not change on update.
 * Left out:
 *  - software / firmware: they change on every OS/firmware update; keying on them would start a new device at each
 *    update of the same watch.
 *  - `creation date` (iOS 17+ descriptions): undocumented, not a public `HKDevice` property; not trusted as identity.
 *  - the memory address, for the reason above.
 */
import { escapeKeyPart, normaliseLabel, normaliseManufacturer } from './normalise.js';

export interface DeviceIdentity {
  readonly name?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly hardware?: string;
  readonly software?: string;
  readonly firmware?: string;
  readonly localIdentifier?: string;
  readonly udiDeviceIdentifier?: string;
  /** iOS 17+ descriptions append `creation date:2024-08-24 17:12:03 +0000`; kept verbatim, not part of identity. */
  readonly creationDate?: string;
  /** Any other `key:value` field, keyed by its lower-cased name, so future fields are not lost. */
  readonly extra: Readonly<Record<string, string>>;
}

type KnownField = Exclude<keyof DeviceIdentity, 'extra'>;

/** Field names as they appear in descriptions (compared lower-case, spaces/underscores removed). */
const KNOWN_FIELDS: Readonly<Record<string, KnownField>> = {
  name: 'name',
  manufacturer: 'manufacturer',
  model: 'model',
  hardware: 'hardware',
  hardwareversion: 'hardware',
  software: 'software',
  softwareversion: 'software',
  firmware: 'firmware',
  firmwareversion: 'firmware',
  localidentifier: 'localIdentifier',
  udideviceidentifier: 'udiDeviceIdentifier',
  creationdate: 'creationDate',
};

/** Values Objective-C prints for nil, or nothing at all: treated as a missing field. */
const MISSING_VALUES = new Set(['', '(null)', 'null', 'nil', '<null>']);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML named entities and numeric character references; unknown entities are left as they are. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * `key:` at the start of a field: at the start of the body or after a comma, a key that starts with a letter and
 * holds letters, digits, spaces or underscores (so `creation date:` is a key, while the `,10` in `hardware:Watch6,10`
 * and the `17:12:03` inside a creation date are not).
 */
const FIELD_START = /(?:^|,)\s*([A-Za-z][A-Za-z0-9 _]{0,39}?)\s*:/g;

/**
 * Parses an HKDevice description. Tolerates: the XML-escaped form (`&lt;&lt;HKDevice: 0x…&gt;, …&gt;`, even escaped
 * twice), a missing `<<HKDevice: 0x…>` prefix or closing `>`, odd spacing around `,` and `:`, missing or `(null)`
 * fields, fields in any order, unknown fields (kept in `extra`). A description without any `key:value` field is taken
 * as a bare device name. Returns `undefined` for an absent or empty description (an address alone is empty).
 */
export function parseHkDevice(description: string | null | undefined): DeviceIdentity | undefined {
  if (description == null) return undefined;
  let text = description;
  // Undo up to two levels of XML escaping (attribute text handed over raw, or escaped once more by a re-export).
  for (let pass = 0; pass < 2 && /&(?:lt|gt|amp|quot|apos|#x?[0-9a-fA-F]+);/.test(text); pass++) text = decodeXmlEntities(text);
  text = text.trim();
  if (text === '') return undefined;

  // Strip `<<HKDevice: 0x…>,` (address dropped) or a lone leading `<`, and the closing `>`.
  text = text.replace(/^(?:<\s*){0,2}HKDevice\b[^,>]*>?\s*,?\s*/i, '').replace(/^<+\s*/, '');
  text = text.replace(/\s*>\s*$/, '').trim();

  const fields: { -readonly [K in KnownField]?: string } = {};
  const extra: Record<string, string> = {};
  const starts = [...text.matchAll(FIELD_START)];
  if (starts.length === 0) {
    const name = cleanValue(text);
    return name === undefined ? undefined : { name, extra };
  }
  // Text before the first key (e.g. a stray address form we did not recognise) is ignored.
  for (let i = 0; i < starts.length; i++) {
    const match = starts[i]!;
    const rawKey = match[1]!;
    const valueStart = match.index + match[0].length;
    const valueEnd = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const value = cleanValue(text.slice(valueStart, valueEnd));
    if (value === undefined) continue;
    const lookup = rawKey.toLowerCase().replace(/[\s_]+/g, '');
    const known = KNOWN_FIELDS[lookup];
    if (known !== undefined) {
      if (fields[known] === undefined) fields[known] = value;
    } else {
      const extraKey = rawKey.trim().toLowerCase().replace(/\s+/g, ' ');
      if (extra[extraKey] === undefined) extra[extraKey] = value;
    }
  }
  if (Object.keys(fields).length === 0 && Object.keys(extra).length === 0) return undefined;
  return { ...fields, extra };
}

function cleanValue(raw: string): string | undefined {
  const value = raw.replace(/\s+/gu, ' ').trim();
  return MISSING_VALUES.has(value.toLowerCase()) ? undefined : value;
}

/** Version prefix of the device key: bump it if the rules above change (stored keys must then be recomputed). */
export const DEVICE_KEY_VERSION = 'dev1';

/**
 * The stable key of a device: `dev1|<manufacturer>|<model>|<hardware>|<name>|<unit id>`, each part normalised
 * (normaliseLabel; manufacturer without legal suffix) and escaped. Returns `null` when the device carries none of the
 * identity fields (only a software version, say): such a sample has no known device.
 */
export function deviceKey(device: DeviceIdentity | undefined): string | null {
  if (device === undefined) return null;
  const unitId = device.localIdentifier ?? device.udiDeviceIdentifier;
  const parts = [
    device.manufacturer === undefined ? '' : normaliseManufacturer(device.manufacturer),
    device.model === undefined ? '' : normaliseLabel(device.model),
    device.hardware === undefined ? '' : normaliseLabel(device.hardware),
    device.name === undefined ? '' : normaliseLabel(device.name),
    unitId === undefined ? '' : unitId.trim().toLowerCase(),
  ];
  if (parts.every((part) => part === '')) return null;
  return [DEVICE_KEY_VERSION, ...parts.map(escapeKeyPart)].join('|');
}

/** parseHkDevice then deviceKey, for the import path. */
export function deviceKeyOf(description: string | null | undefined): string | null {
  return deviceKey(parseHkDevice(description));
}
