/**
 * CPU time the server process spends per MHRAS request (user + system, from /proc), driven with 50 connections.
 * On a shared machine latency percentiles measure the neighbours too; CPU per request barely moves with them, so
 * use this to compare two versions. Linux only. Background work a request causes (the alert relay after a critical
 * /screen) is counted for the second after the run.
 *
 *   npx tsx bench/mhras/cpu.ts        (BENCH_REQUESTS, default 15000; /screen gets a quarter of it;
 *                                      BENCH_ENDPOINTS=screen,explain to measure only those)
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startMhrasBench, type MhrasBench } from './clinician.js';
import { SCREEN_BODY } from './screen-body.js';

const requests = Number.parseInt(process.env.BENCH_REQUESTS ?? '', 10) || 15_000;
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

let bench: MhrasBench | undefined;

async function main(): Promise<void> {
  bench = await startMhrasBench('cpu');
  const { url, child } = bench.server;
  const { token } = bench;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const seeded = await fetch(`${url}/screen`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...SCREEN_BODY, anonymized_id: 'bench-subject-0001' }),
  });
  if (seeded.status !== 200) throw new Error(`seeding /screen answered ${seeded.status}`);
  const endpoints = [
    { name: 'risk_score', amount: requests, url: `${url}/risk-score/bench-subject-0001`, method: 'GET' as const },
    {
      name: 'explain',
      amount: requests,
      url: `${url}/explain`,
      method: 'POST' as const,
      body: JSON.stringify({ anonymized_id: 'bench-subject-0001' }),
    },
    {
      name: 'screen',
      amount: Math.round(requests / 4),
      url: `${url}/screen`,
      method: 'POST' as const,
      body: JSON.stringify(SCREEN_BODY),
      idReplacement: true,
    },
  ];
  const only = process.env.BENCH_ENDPOINTS?.split(',');
  console.log('endpoint    µs CPU/request  requests  failed  req/s');
  for (const { name, amount, ...target } of endpoints) {
    if (only && !only.includes(name)) continue;
    await autocannon({ ...target, headers, connections: 50, amount: 2000 }); // warm-up
    await new Promise((settle) => setTimeout(settle, 500));
    const before = cpuMs(child.pid!);
    const result = await autocannon({ ...target, headers, connections: 50, amount });
    await new Promise((settle) => setTimeout(settle, 1000));
    const perRequestUs = ((cpuMs(child.pid!) - before) * 1000) / amount;
    console.log(
      `${name.padEnd(11)} ${perRequestUs.toFixed(0).padStart(14)}  ${String(amount).padStart(8)}  ${String(result.non2xx + result.errors).padStart(6)}  ${result.requests.average.toFixed(0).padStart(5)}`,
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await bench?.stop();
  });
