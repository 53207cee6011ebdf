/**
 * The sources that write into the generated export, and their `sourceName`/`sourceVersion`/`device` attributes as
 * Apple writes them. The device is the Objective-C description of an HKDevice, XML-escaped, with the address of the
 * object in the exporting process: a new address on every record, so a parser must not key devices on the raw text.
 * Software versions move on with time (an OS update every ~two months), as they do in a real history.
 */
import type { Rng } from './prng.js';

export interface Source {
  /** Ready-made ` sourceName="…" sourceVersion="…"` (leading space), for the record's date. */
  attrs(day: number): string;
  /** Ready-made ` device="…"` (leading space) with a fresh memory address, or '' when the source names no device. */
  device(day: number, rng: Rng): string;
}

const OWNER = 'Anna\u2019s'; // "Anna’s": real source names carry the curly apostrophe iOS puts in device names.

/** Version `major.minor` on day `day`: `major.minor` on day 0, a minor more every `every` days, `perMajor` minors a major. */
function versionOn(day: number, major: number, minor: number, every: number, perMajor: number): string {
  const steps = Math.floor(day / every);
  const total = minor + steps;
  return `${major + Math.floor(total / perMajor)}.${total % perMajor}`;
}

/** The address part Apple prints: `0x` and 9 hex digits starting with 28 or 30 (a 64-bit iOS heap address). */
function address(rng: Rng): string {
  return `0x${rng.next() < 0.5 ? '28' : '30'}${rng.hex(7)}`;
}

function appleDevice(name: string, model: string, hardware: string): (software: string, rng: Rng) => string {
  return (software, rng) =>
    ` device="&lt;&lt;HKDevice: ${address(rng)}&gt;, name:${name}, manufacturer:Apple Inc., model:${model}, hardware:${hardware}, software:${software}&gt;"`;
}

const watchDevice = appleDevice('Apple Watch', 'Watch', 'Watch6,2');
const phoneDevice = appleDevice('iPhone', 'iPhone', 'iPhone15,2');

export const watch: Source = {
  attrs: (day) => ` sourceName="${OWNER} Apple Watch" sourceVersion="${versionOn(day, 10, 1, 61, 6)}"`,
  device: (day, rng) => watchDevice(versionOn(day, 10, 1, 61, 6), rng),
};

export const iphone: Source = {
  attrs: (day) => ` sourceName="${OWNER} iPhone" sourceVersion="${versionOn(day, 17, 1, 59, 7)}"`,
  device: (day, rng) => phoneDevice(versionOn(day, 17, 1, 59, 7), rng),
};

/** Manual entries in the Health app: source "Health", no device, `HKWasUserEntered` metadata. */
export const healthApp: Source = {
  attrs: (day) => ` sourceName="Health" sourceVersion="${versionOn(day, 17, 1, 59, 7)}"`,
  device: () => '',
};

/** A Bluetooth scale through its maker's app: a third-party device with a local identifier and firmware. */
export const scaleApp: Source = {
  attrs: () => ` sourceName="Health Mate" sourceVersion="6.3.1"`,
  device: (_day, rng) =>
    ` device="&lt;&lt;HKDevice: ${address(rng)}&gt;, name:Body+, manufacturer:Withings, model:WBS05, firmware:1910, localIdentifier:00:24:e4:7a:21:c3&gt;"`,
};

/** A blood-pressure cuff through its maker's app. */
export const cuffApp: Source = {
  attrs: () => ` sourceName="OMRON connect" sourceVersion="7.14.0"`,
  device: (_day, rng) =>
    ` device="&lt;&lt;HKDevice: ${address(rng)}&gt;, name:BP7450, manufacturer:OMRON HEALTHCARE Co., Ltd., model:BP7450&gt;"`,
};
