#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=8
// The installed `homeostat` command: runs the compiled CLI (built by `npm install` via the prepare script).
// Memory (bench/README.md, "Apple Health import"): MALLOC_ARENA_MAX=2 keeps glibc from giving each of the import's
// threads a malloc arena of its own (~40 MB of retained memory in a 1 GiB import); --max-semi-space-size=8 caps every
// V8 heap's young generation at 2 x 8 MB instead of 2 x 16 MB. `npm start` sets the same (a test keeps them equal).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
