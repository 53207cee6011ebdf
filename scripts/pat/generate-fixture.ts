/**
 * Regenerates the PAT forward-pass fixture (test/fixtures/pat/): writes random PAT-S and PAT-M weights in the Keras 2
 * HDF5 layout to a scratch directory, plus the fixed input, then runs the independent numpy reference
 * (scripts/pat/reference_forward.py, reading the .h5 with h5py) whose outputs become the committed fixture.
 *
 *   npx tsx scripts/pat/generate-fixture.ts [python]     (python: an interpreter with numpy and h5py; default /usr/bin/python3)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomPatWeights, syntheticWeek } from '../../test/fixtures/pat/random-pat-weights.js';
import { writePatH5 } from '../../test/fixtures/pat/write-pat-h5.js';
import { FIXTURE_CASES } from '../../test/fixtures/pat/fixture-cases.js';

const python = process.argv[2] ?? '/usr/bin/python3';
const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'pat-fixture-'));
try {
  for (const c of FIXTURE_CASES) {
    const weightsFile = join(scratch, `PAT-${c.size}_0k_weights.h5`);
    await writePatH5(weightsFile, randomPatWeights(c.size, c.weightSeed));
    const inputFile = join(scratch, `input-${c.size}.json`);
    writeFileSync(inputFile, JSON.stringify(Array.from(syntheticWeek(c.inputSeed))));
    const out = join(root, 'test/fixtures/pat', `expected-pat-${c.size.toLowerCase()}.json`);
    execFileSync(python, [join(root, 'scripts/pat/reference_forward.py'), weightsFile, inputFile, out], { stdio: 'inherit' });
    process.stdout.write(`wrote ${out}\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
