/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof): self time per function, inclusive time per function, and time per
 * nearest `src/` frame.
 *
 *   npx tsx bench/mhras/profile-summary.ts FILE.cpuprofile [FROM_US TO_US]   (the window, on the monotonic clock in µs)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(src|node_modules)\//, '$1/');

/** `kysely`, `src/domain/screening`, `node:internal/...` or `(native)`: where a frame's code lives. */
function packageOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const inSrc = /\/(src\/(?:[^/]+\/)?[^/]+)\//.exec(url);
  if (inSrc) return inSrc[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url === '' ? '(native)' : url;
}

/** Monotonic clock in µs, the clock V8 stamps profile samples with. */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Over the samples taken while the load ran: self time per function, inclusive time per function, and time per nearest
 * `src/` frame (the project code that caused it, libraries it called included).
 */
export function summarise(profile: Profile, window: { from: number; to: number } = { from: 0, to: Infinity }): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= window.from && at <= window.to) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const bySrcFrame = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    const node = byId.get(id)!;
    const key = `${node.callFrame.functionName || '(anon)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
    const where = packageOf(node.callFrame.url);
    selfByPackage.set(where, (selfByPackage.get(where) ?? 0) + us);
    let nearestSrc = '(no src frame)';
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)!.callFrame;
      if (frame.url.includes('/src/')) {
        nearestSrc = `${frame.functionName || '(anon)'} ${shortUrl(frame.url)}`;
        break;
      }
    }
    bySrcFrame.set(nearestSrc, (bySrcFrame.get(nearestSrc) ?? 0) + us);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)!.callFrame;
      const fn = `${frame.functionName || '(anon)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      totalByFunction.set(fn, (totalByFunction.get(fn) ?? 0) + us);
    }
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  console.log(`sampled during the load ${(totalUs / 1000).toFixed(0)} ms (idle included)\n`);
  console.log(`self by package or src/ directory:\n${top(selfByPackage, 25)}\n`);
  console.log(`self:\n${top(selfByFunction, 40)}\n\nby nearest src/ frame:\n${top(bySrcFrame, 40)}\n\ntotal:\n${top(totalByFunction, 70)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2])
  summarise(
    JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile,
    process.argv[4] ? { from: Number(process.argv[3]), to: Number(process.argv[4]) } : undefined,
  );
