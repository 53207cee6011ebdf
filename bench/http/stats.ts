export interface RoundSample {
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface EndpointSummary {
  name: string;
  path: string;
  medianReqPerSec: number;
  medianP99Ms: number;
  medianP50Ms: number;
  minReqPerSec: number;
  maxReqPerSec: number;
  non2xx: number;
  errors: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarise(name: string, path: string, samples: RoundSample[]): EndpointSummary {
  const rates = samples.map((s) => s.reqPerSec);
  return {
    name,
    path,
    medianReqPerSec: median(rates),
    medianP99Ms: median(samples.map((s) => s.p99Ms)),
    medianP50Ms: median(samples.map((s) => s.p50Ms)),
    minReqPerSec: Math.min(...rates),
    maxReqPerSec: Math.max(...rates),
    non2xx: samples.reduce((sum, s) => sum + s.non2xx, 0),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
  };
}

const pad = (text: string, width: number) => text.padStart(width);

/** A fixed-width table, one row per endpoint. */
export function table(rows: EndpointSummary[]): string {
  const head = ['endpoint', 'req/s (median)', 'req/s (min–max)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
  const body = rows.map((r) => [
    `GET ${r.path}`,
    r.medianReqPerSec.toFixed(0),
    `${r.minReqPerSec.toFixed(0)}–${r.maxReqPerSec.toFixed(0)}`,
    // autocannon records latency in whole milliseconds: 0 means under 1 ms.
    r.medianP50Ms.toFixed(0),
    r.medianP99Ms.toFixed(0),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : pad(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
