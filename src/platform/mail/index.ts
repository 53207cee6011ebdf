import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/tables.js';
import type { Mailer } from './mailer.port.js';
import { OutboxMailer } from './outbox.mailer.js';
import { MailDeliveryError, SmtpMailer } from './smtp.mailer.js';

export type { Mailer, MailMessage } from './mailer.port.js';
export { MailDeliveryError, OutboxMailer, SmtpMailer };

export function createMailer(options: { smtpUrl?: string | undefined; from: string }, db: Kysely<Tables>, clock: Clock): Mailer {
  return options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new OutboxMailer(db, clock);
}
