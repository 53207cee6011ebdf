import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIN_LENGTH = 32;

/**
 * Development only: a random key generated on first start and kept in $DATA_DIR/secret.key (mode 0600),
 * so tokens survive restarts without anyone having to invent a secret. Created exclusively, so two
 * processes starting together agree on one key.
 */
export function ensureDevelopmentSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  const existing = readKey(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Another process created it first, or a short/blank key file is in the way: use it if valid, else replace it.
  const raced = readKey(file);
  if (raced) return raced;
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'w' });
  return key;
}

function readKey(file: string): string | null {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    return existing.length >= MIN_LENGTH ? existing : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
