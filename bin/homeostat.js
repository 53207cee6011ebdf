#!/usr/bin/env node
// The installed `homeostat` command: runs the compiled CLI (built by `npm install` via the prepare script).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
