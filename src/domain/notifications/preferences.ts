/**
 * Notification preferences as the Twin spec §5.3 shows them, plus three optional extensions: an IANA `timezone` (wins
 * over the zone the person's data carries), an E.164 `phone_number` for SMS (else the profile's phone), and nothing
 * else. The defaults are the spec's example response: what a person who never chose gets.
 */
import type { AlertSeverity } from '../alerts/index.js';

export const CHANNELS = ['push', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ALERT_TYPES = ['critical_health', 'high_risk', 'moderate_risk'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** The one place alert severities meet the spec's alert types: medium and low both count as moderate. */
export function alertTypeFor(severity: AlertSeverity): AlertType {
  switch (severity) {
    case 'critical':
      return 'critical_health';
    case 'high':
      return 'high_risk';
    default:
      return 'moderate_risk';
  }
}

export interface AlertTypePreference {
  readonly enabled: boolean;
  readonly channels: readonly Channel[];
}

export interface NotificationPreferences {
  /** master switches: a channel that is off here is never used, whatever an alert type names */
  readonly channels: { readonly push_notifications: boolean; readonly email: boolean; readonly sms: boolean };
  readonly alert_types: {
    readonly critical_health: AlertTypePreference;
    readonly high_risk: AlertTypePreference;
    readonly moderate_risk: AlertTypePreference;
    /** local clock time `HH:MM` */
    readonly daily_summary: AlertTypePreference & { readonly time: string };
    /** sent at 08:00 local on that day */
    readonly weekly_report: AlertTypePreference & { readonly day: Weekday };
  };
  readonly timezone: string | null;
  readonly phone_number: string | null;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: { push_notifications: true, email: true, sms: false },
  alert_types: {
    critical_health: { enabled: true, channels: ['push', 'email', 'sms'] },
    high_risk: { enabled: true, channels: ['push', 'email'] },
    moderate_risk: { enabled: true, channels: ['push'] },
    daily_summary: { enabled: true, channels: ['email'], time: '08:00' },
    weekly_report: { enabled: true, channels: ['email'], day: 'monday' },
  },
  timezone: null,
  phone_number: null,
};

/** The local time weekly reports go out (the spec gives a day only). */
export const WEEKLY_REPORT_TIME = '08:00';

export const HH_MM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
/** E.164: a plus, a non-zero country digit, at most 15 digits in all (ITU-T E.164 §6). */
export const E164 = '^\\+[1-9][0-9]{6,14}$';

const masterSwitch: Record<Channel, keyof NotificationPreferences['channels']> = {
  push: 'push_notifications',
  email: 'email',
  sms: 'sms',
};

/** The channels one kind of message goes through: enabled for that kind, named by it, and switched on overall. */
export function channelsFor(prefs: NotificationPreferences, type: keyof NotificationPreferences['alert_types']): Channel[] {
  const pref = prefs.alert_types[type];
  if (!pref.enabled) return [];
  return CHANNELS.filter((c) => pref.channels.includes(c) && prefs.channels[masterSwitch[c]]);
}

/** What PUT accepts: any part of the document; alert types are replaced field by field, the rest as given. */
export interface PreferencesPatch {
  readonly channels?: Partial<NotificationPreferences['channels']>;
  readonly alert_types?: {
    readonly [K in keyof NotificationPreferences['alert_types']]?: Partial<NotificationPreferences['alert_types'][K]>;
  };
  readonly timezone?: string | null;
  readonly phone_number?: string | null;
}

export function mergePreferences(current: NotificationPreferences, patch: PreferencesPatch): NotificationPreferences {
  const types = patch.alert_types ?? {};
  const a = current.alert_types;
  return {
    channels: { ...current.channels, ...patch.channels },
    alert_types: {
      critical_health: { ...a.critical_health, ...types.critical_health },
      high_risk: { ...a.high_risk, ...types.high_risk },
      moderate_risk: { ...a.moderate_risk, ...types.moderate_risk },
      daily_summary: { ...a.daily_summary, ...types.daily_summary },
      weekly_report: { ...a.weekly_report, ...types.weekly_report },
    },
    timezone: patch.timezone === undefined ? current.timezone : patch.timezone,
    phone_number: patch.phone_number === undefined ? current.phone_number : patch.phone_number,
  };
}
