import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/tables.js';
import { newId } from '../ids.js';
import type { Mailer, MailMessage } from './mailer.port.js';

/** With no SMTP configured, mail is kept in the `outbox` table (read it with `homeostat outbox`), never pretended sent. */
export class OutboxMailer implements Mailer {
  readonly kind = 'outbox' as const;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({
        id: newId('msg'),
        channel: 'email',
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        created_at: this.clock.now().toISOString(),
      })
      .execute();
  }

  async close(): Promise<void> {}
}
