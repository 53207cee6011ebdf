import { parseArgs } from 'node:util';
import { ConfigError } from './config/index.js';
import { auditVerifyCommand, migrateCommand, outboxCommand } from './cli/admin.commands.js';
import { consoleIo, type CliIo } from './cli/context.js';
import { tokenCommand } from './cli/token.command.js';
import { userCreate, userSetRole } from './cli/user.commands.js';
import { serve } from './main.js';

const USAGE = `homeostat — health digital-twin server

usage:
  homeostat serve                                   start the server (PORT, DATA_DIR, DATABASE_URL, …)
  homeostat migrate                                 bring the database schema up to date
  homeostat user create --email E [--role R] [--password P] [--first-name F] [--last-name L]
  homeostat user set-role --user <email|id> --role R
  homeostat token --user <email|id> [--role R] [--expires 60m]
  homeostat outbox [--to E] [--limit N]             mail held because SMTP_URL is not set
  homeostat audit verify                            check the audit log's hash chain

roles: patient, clinician, researcher, admin, auditor, employer
       (aliases: user, corporate, data_scientist, and upper-case Clarity names)`;

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  user: { type: 'string' },
  expires: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env, io: CliIo = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const command = positionals.join(' ');
  try {
    switch (command) {
      case 'serve':
        await serve(env);
        return 0;
      case 'migrate':
        return await migrateCommand(env, io);
      case 'user create':
        return await userCreate(env, { email: v.email, role: v.role, password: v.password, firstName: v['first-name'], lastName: v['last-name'] }, io);
      case 'user set-role':
        return await userSetRole(env, { user: v.user, role: v.role }, io);
      case 'token':
        return await tokenCommand(env, { user: v.user, role: v.role, expires: v.expires }, io);
      case 'outbox':
        return await outboxCommand(env, { to: v.to, limit: v.limit }, io);
      case 'audit verify':
        return await auditVerifyCommand(env, io);
      case '':
      case 'help':
        io.out(USAGE);
        return 0;
      default:
        io.err(`error: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 78; // EX_CONFIG
    }
    throw error;
  }
}
