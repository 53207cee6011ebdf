/**
 * One message, worded per channel: email carries the full text; push and SMS carry a headline only (lock screens and
 * SMS are read by whoever holds the phone, and SMS crosses the carrier in clear), never measured values.
 */
export interface Notice {
  /** the sent-log kind and outbox/audit label: `alert`, `daily_summary`, `weekly_report` */
  readonly kind: string;
  readonly subject: string;
  readonly emailText: string;
  readonly push: {
    readonly title: string;
    readonly body: string;
    readonly tag: string;
    readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
  };
  readonly sms: string;
}

/** Whom a notice goes to: their account email and a phone number if they gave one. */
export interface Recipient {
  readonly personId: string;
  readonly email: string | null;
  readonly phone: string | null;
}

/** What a channel did with a notice (for tests and metrics; never logged with content). */
export type DeliveryOutcome = 'sent' | 'outbox' | 'nothing_to_send';
