/**
 * Dates the way Apple's export writes them: local wall time in the exporting phone's zone, whole seconds, and the UTC
 * offset in force at that instant (`2024-03-31 00:59:59 +0000`, then `2024-03-31 02:00:00 +0100` a second later in
 * Europe/London). Formatting is the generator's hot path (three dates per record), so offsets are worked out once per
 * UTC day with Intl and each date is then put together from cached pieces.
 *
 * All instants here are epoch SECONDS (the export has whole seconds).
 */

const DAY = 86_400;

const TWO: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

function offsetString(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${TWO[Math.floor(abs / 60)]}${TWO[abs % 60]}`;
}

/** Minutes east of UTC of `zone` at `epochSeconds`, through Intl (slow; used to build the tables). */
function intlOffsetMinutes(format: Intl.DateTimeFormat, epochSeconds: number): number {
  const parts = format.formatToParts(new Date(epochSeconds * 1000));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const hour = get('hour') % 24;
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), hour, get('minute'), get('second')) / 1000;
  return Math.round((asUtc - epochSeconds) / 60);
}

export class AppleClock {
  readonly zone: string;
  private readonly firstDay: number;
  /** Per UTC day (from firstDay): offset before the day's transition, the transition instant (or Infinity), offset after. */
  private readonly before: Int16Array;
  private readonly after: Int16Array;
  private readonly transition: Float64Array;
  private readonly dateCache = new Map<number, string>();
  private readonly offsetCache = new Map<number, string>();
  private lastT = NaN;
  private lastText = '';

  /** Covers [fromSeconds, toSeconds] with a day of margin on both sides. */
  constructor(zone: string, fromSeconds: number, toSeconds: number) {
    this.zone = zone;
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.firstDay = Math.floor(fromSeconds / DAY) - 2;
    const days = Math.floor(toSeconds / DAY) + 3 - this.firstDay;
    this.before = new Int16Array(days);
    this.after = new Int16Array(days);
    this.transition = new Float64Array(days).fill(Infinity);
    let startOffset = intlOffsetMinutes(format, this.firstDay * DAY);
    for (let i = 0; i < days; i++) {
      const dayStart = (this.firstDay + i) * DAY;
      const endOffset = intlOffsetMinutes(format, dayStart + DAY - 1);
      this.before[i] = startOffset;
      this.after[i] = endOffset;
      if (endOffset !== startOffset) {
        // Binary search for the first second with the new offset (transitions fall on whole minutes; seconds are cheap).
        let lo = dayStart;
        let hi = dayStart + DAY - 1;
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2);
          if (intlOffsetMinutes(format, mid) === endOffset) hi = mid;
          else lo = mid + 1;
        }
        this.transition[i] = lo;
      }
      startOffset = endOffset;
    }
  }

  /** Minutes east of UTC at `t` (epoch seconds). */
  offsetMinutes(t: number): number {
    const i = Math.floor(t / DAY) - this.firstDay;
    if (i < 0 || i >= this.before.length) throw new RangeError(`AppleClock: ${t} is outside the prepared range`);
    return t < this.transition[i]! ? this.before[i]! : this.after[i]!;
  }

  /** `YYYY-MM-DD` of the local day containing `t`. */
  localDate(t: number): string {
    return this.dateOfLocalDay(Math.floor((t + this.offsetMinutes(t) * 60) / DAY));
  }

  /** `2024-03-31 02:00:00 +0100`. */
  format(t: number): string {
    // Start, end and creation dates often repeat (instant samples): keep the last one.
    if (t === this.lastT) return this.lastText;
    const offset = this.offsetMinutes(t);
    const local = t + offset * 60;
    const localDay = Math.floor(local / DAY);
    let secs = local - localDay * DAY;
    const h = Math.floor(secs / 3600);
    secs -= h * 3600;
    const m = Math.floor(secs / 60);
    const s = secs - m * 60;
    this.lastT = t;
    this.lastText = `${this.dateOfLocalDay(localDay)} ${TWO[h]}:${TWO[m]}:${TWO[s]} ${this.offsetText(offset)}`;
    return this.lastText;
  }

  /**
   * The `time` of an `<InstantaneousBeatsPerMinute>` in an en_US export from iOS 17: local 12-hour time with hundredths
   * and a NARROW NO-BREAK SPACE (U+202F) before AM/PM, as CLDR 42 formats it (`3:10:01.12 AM`). No date, no zone.
   */
  beatTime(tSeconds: number, hundredths: number): string {
    const local = tSeconds + this.offsetMinutes(tSeconds) * 60;
    let secs = local - Math.floor(local / DAY) * DAY;
    const h = Math.floor(secs / 3600);
    secs -= h * 3600;
    const m = Math.floor(secs / 60);
    const s = secs - m * 60;
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return `${h12}:${TWO[m]}:${TWO[s]}.${TWO[hundredths]}\u202f${h < 12 ? 'AM' : 'PM'}`;
  }

  /** Epoch seconds of local midnight starting the local calendar day `y-m-d` (month 1–12). */
  localMidnight(y: number, month: number, d: number): number {
    const utcMidnight = Date.UTC(y, month - 1, d) / 1000;
    // The offset in force at local midnight: first guess from UTC midnight, then corrected once.
    const guess = utcMidnight - this.offsetMinutes(utcMidnight) * 60;
    return utcMidnight - this.offsetMinutes(guess) * 60;
  }

  private dateOfLocalDay(localDay: number): string {
    let text = this.dateCache.get(localDay);
    if (text === undefined) {
      text = new Date(localDay * DAY * 1000).toISOString().slice(0, 10);
      this.dateCache.set(localDay, text);
    }
    return text;
  }

  private offsetText(offset: number): string {
    let text = this.offsetCache.get(offset);
    if (text === undefined) {
      text = offsetString(offset);
      this.offsetCache.set(offset, text);
    }
    return text;
  }
}
