/**
 * CPU profile of the server under one MHRAS endpoint's load: starts `homeostat serve` with `--cpu-prof`, drives
 * 50 connections, stops it, and prints the functions with the most self time and the files with the most time.
 *
 *   npx tsx bench/mhras/profile.ts screen|risk_score|explain    (BENCH_REQUESTS, default 4000; PROFILE_DIR)
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startMhrasBench, type MhrasBench } from './clinician.js';
import { nowUs, summarise, type Profile } from './profile-summary.js';
import { SCREEN_BODY } from './screen-body.js';

const endpoint = process.argv[2] ?? 'screen';
const requests = Number.parseInt(process.env.BENCH_REQUESTS ?? '', 10) || 4000;
const dir = process.env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'homeostat-profile-'));

let bench: MhrasBench | undefined;

async function main(): Promise<void> {
  process.env.BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`; // read by bench/http/server.ts
  bench = await startMhrasBench('profile');
  const { url } = bench.server;
  const headers = { authorization: `Bearer ${bench.token}`, 'content-type': 'application/json' };
  const seeded = await fetch(`${url}/screen`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...SCREEN_BODY, anonymized_id: 'bench-subject-0001' }),
  });
  if (seeded.status !== 200) throw new Error(`seeding /screen answered ${seeded.status}`);
  const targets = {
    risk_score: { url: `${url}/risk-score/bench-subject-0001`, method: 'GET' as const },
    explain: { url: `${url}/explain`, method: 'POST' as const, body: JSON.stringify({ anonymized_id: 'bench-subject-0001' }) },
    screen: { url: `${url}/screen`, method: 'POST' as const, body: JSON.stringify(SCREEN_BODY), idReplacement: true },
  };
  const target = targets[endpoint as keyof typeof targets];
  if (!target) throw new Error(`unknown endpoint ${endpoint}`);
  await autocannon({ ...target, headers, connections: 50, amount: 1000 }); // warm-up, not summarised
  const from = nowUs();
  const result = await autocannon({ ...target, headers, connections: 50, amount: requests });
  console.log(`${requests} requests, ${result.non2xx + result.errors} failed`);
  await new Promise((settle) => setTimeout(settle, 1000)); // background work the requests caused
  const to = nowUs();
  await bench.stop();
  bench = undefined;
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  console.log(`profile: ${join(dir, file)}`);
  summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, { from, to });
}

main()
  .catch((error: unknown) => {
    console.error('profile failed:', error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await bench?.stop();
  });
