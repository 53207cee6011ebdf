import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Tables } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';

/**
 * Where a push or SMS message goes when its channel is not configured: kept in the `outbox` table the mailer's outbox
 * uses too (`homeostat outbox` lists it), never pretended sent. Email needs no help: the Mailer has its own outbox.
 */
export class NotificationOutbox {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async hold(message: { channel: 'push' | 'sms'; personId: string; recipient: string; subject: string; body: string }): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({
        id: newId('msg'),
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
        created_at: this.clock.now().toISOString(),
        person_id: message.personId,
      })
      .execute();
  }
}
