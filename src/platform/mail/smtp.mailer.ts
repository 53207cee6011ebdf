import { createRequire } from 'node:module';
import type nodemailerModule from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.port.js';

/**
 * Transport settings applied unless SMTP_URL's query string sets them (`smtp://host:587/?socketTimeout=60000`).
 * nodemailer's own defaults (2 min to connect, 10 min idle) would hold a registration request open for
 * minutes when the mail server is down; these fail it within seconds instead.
 */
export const SMTP_DEFAULTS: Readonly<Record<string, string>> = {
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
  // We only ever send plain text we composed; never let message fields read files or fetch URLs.
  disableFileAccess: 'true',
  disableUrlAccess: 'true',
};

/** SMTP_URL with SMTP_DEFAULTS filled in where the URL does not say otherwise. */
export function smtpTransportUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://');
  for (const [key, value] of Object.entries(SMTP_DEFAULTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

/**
 * SMTP delivery through nodemailer. SMTP_URL carries host, port, credentials and TLS mode: `smtps://` is
 * TLS from the start (port 465), `smtp://` upgrades with STARTTLS when the server offers it
 * (`?requireTLS=true` to insist). A refused or failed delivery rejects `send`; nothing is kept for retry.
 */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Required here, not at the top: a server without SMTP_URL never loads nodemailer (~9 MB).
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof nodemailerModule;
    this.transport = nodemailer.createTransport(smtpTransportUrl(smtpUrl));
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      throw new MailDeliveryError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * A failed SMTP delivery, described without personal data: nodemailer's own error carries the rejected
 * addresses and the server's reply (which often echoes the address), and errors end up in logs.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH, …) and the SMTP reply code, if any. */
  readonly code: string | undefined;
  readonly responseCode: number | undefined;

  constructor(cause: unknown) {
    const e = (cause ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    // The system error behind a socket failure (ECONNREFUSED, ENOTFOUND, …): an upper-case word, never an address.
    const system = typeof e.message === 'string' ? /\b(E[A-Z_]{3,})\b/.exec(e.message)?.[1] : undefined;
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    const command = typeof e.command === 'string' ? e.command.split(' ')[0] : undefined;
    const parts = [code, system !== code && system, responseCode && `reply ${responseCode}`, command && `during ${command}`].filter(Boolean);
    super(`SMTP delivery failed${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
    this.code = code;
    this.responseCode = responseCode;
  }
}
