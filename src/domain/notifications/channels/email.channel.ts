import type { Mailer } from '../../../platform/mail/index.js';
import type { DeliveryOutcome, Notice, Recipient } from '../notice.js';

/** Email through the Mailer port: SMTP when SMTP_URL is set, else the Mailer's own outbox. */
export class EmailChannel {
  constructor(private readonly mailer: Mailer) {}

  async deliver(to: Recipient, notice: Notice): Promise<DeliveryOutcome> {
    if (!to.email) return 'nothing_to_send';
    await this.mailer.send({ to: to.email, subject: notice.subject, text: notice.emailText });
    return this.mailer.kind === 'smtp' ? 'sent' : 'outbox';
  }
}
