import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server-process.js';

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `homeostat worker` (or, with `script`, a file under test/ that calls workerCommand with test-only job kinds)
 * and resolves once it logs that it runs jobs. The child gets only `env` plus PATH/HOME/TMPDIR.
 */
export async function startWorker(env: Record<string, string>, script?: string, timeoutMs = 60_000): Promise<WorkerProcess> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR']) if (process.env[key] !== undefined) base[key] = process.env[key];
  const args = script ? ['--import', 'tsx', join(ROOT, script)] : ['--import', 'tsx', join(ROOT, 'bin/homeostat-dev.js'), 'worker'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('homeostat worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`worker exited before starting (${JSON.stringify(exit)}): ${output}`));
    });
  });
  await started.catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM', stopTimeoutMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      const kill = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.kill(signal);
      const exit = await exited;
      clearTimeout(kill);
      return exit;
    },
  };
}
