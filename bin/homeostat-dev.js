#!/usr/bin/env node
// The CLI straight from the TypeScript sources, no build step (what `npm run dev`, the end-to-end tests and
// the benchmarks run):  node --import tsx bin/homeostat-dev.js serve
import { runCli } from '../src/cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
