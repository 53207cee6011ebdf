import { parseArgs } from 'node:util';
import { ConfigError } from './config/index.js';
import { auditVerifyCommand, migrateCommand, outboxCommand } from './cli/admin.commands.js';
import { consoleIo, EXIT, type CliIo, type Env } from './cli/context.js';
import { importCommand } from './cli/import.command.js';
import { tokenCommand } from './cli/token.command.js';
import { workerCommand } from './cli/worker.command.js';
import { userCreate, userList, userSetActive, userSetRole, userSetTier } from './cli/user.commands.js';
import { serve } from './main.js';
import { VERSION } from './version.js';

const USAGE = `homeostat — health digital-twin server

usage:
  homeostat serve                                   start the server (PORT, DATA_DIR, DATABASE_URL, …)
  homeostat worker                                  run jobs without serving HTTP (JOBS_RUN_IN_API=false on the API)
  homeostat migrate                                 bring the database schema up to date
  homeostat user create --email E [--role R] [--password P] [--first-name F] [--last-name L]
                                                    (without --password a strong one is generated and printed)
  homeostat user list [--role R] [--limit N]        accounts, newest first
  homeostat user set-role --user <email|id> --role R
  homeostat user set-tier --user <email|id> --tier T  free, premium or corporate (the rate-limit tier)
  homeostat user disable --user <email|id>          block sign-in and every token the account holds
  homeostat user enable --user <email|id>
  homeostat token --user <email|id> [--role R] [--expires 60m]
                                                    print an access token (1m to 30d; s, m, h, d)
  homeostat import <export.zip|export.xml> --user <email|id>
                                                    import an Apple Health export (run again to resume)
  homeostat outbox [--to E] [--limit N]             mail, push and SMS held because their channel is not configured
  homeostat audit verify                            check the audit log's hash chain
  homeostat version

roles: patient, clinician, researcher, admin, auditor, employer
       (aliases: user, corporate, data_scientist, and upper-case Clarity names)

Commands read the same environment as the server (DATA_DIR, DATABASE_URL, SECRET_KEY, …).
exit status: 0 done, 1 failed, 2 bad usage or input, 78 bad configuration`;

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  user: { type: 'string' },
  expires: { type: 'string' },
  tier: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], env: Env = process.env, io: CliIo = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`error: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (v.version) {
    io.out(VERSION);
    return EXIT.ok;
  }
  const command = positionals[0] === 'import' ? 'import' : positionals.join(' ');
  try {
    switch (command) {
      case 'serve':
        await serve(env);
        return EXIT.ok;
      case 'worker':
        return await workerCommand(env, io);
      case 'migrate':
        return await migrateCommand(env, io);
      case 'user create':
        return await userCreate(env, { email: v.email, role: v.role, password: v.password, firstName: v['first-name'], lastName: v['last-name'] }, io);
      case 'user list':
        return await userList(env, { role: v.role, limit: v.limit }, io);
      case 'user set-role':
        return await userSetRole(env, { user: v.user, role: v.role }, io);
      case 'user set-tier':
        return await userSetTier(env, { user: v.user, tier: v.tier }, io);
      case 'user disable':
      case 'user enable':
        return await userSetActive(env, { user: v.user }, command === 'user enable', io);
      case 'token':
        return await tokenCommand(env, { user: v.user, role: v.role, expires: v.expires }, io);
      case 'import':
        return await importCommand(env, positionals[1], { user: v.user }, io);
      case 'outbox':
        return await outboxCommand(env, { to: v.to, limit: v.limit }, io);
      case 'audit verify':
        return await auditVerifyCommand(env, io);
      case 'version':
        io.out(VERSION);
        return EXIT.ok;
      case '':
      case 'help':
        io.out(USAGE);
        return EXIT.ok;
      default:
        io.err(`error: unknown command "${command}"\n\n${USAGE}`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.config; // EX_CONFIG
    }
    // A database that cannot be opened, a port in use…: one line, not a stack trace.
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') io.err(String((error as Error).stack));
    return EXIT.failure;
  }
}
