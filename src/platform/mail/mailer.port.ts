export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail: SMTP when SMTP_URL is set, otherwise the outbox table an admin reads with `homeostat outbox`. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
