/** Notification preferences, Web Push subscriptions and delivery by email, push and SMS (docs/notifications.md). */
export { ALERT_JOB, Notifications, RETRY_DELAY_MS, type NotificationsDeps } from './notifications.js';
export {
  ALERT_TYPES,
  alertTypeFor,
  channelsFor,
  CHANNELS,
  DEFAULT_PREFERENCES,
  E164,
  HH_MM,
  WEEKDAYS,
  WEEKLY_REPORT_TIME,
  type Channel,
  type NotificationPreferences,
  type PreferencesPatch,
} from './preferences.js';
export { MAX_PUSH_SUBSCRIPTIONS, TooManySubscriptions, type PushSubscriptionInput } from './push-subscriptions.js';
export { HttpSmsSender, SmsProviderError, type SmsSender } from './channels/sms.channel.js';
export { PUSH_TTL_SECONDS, type VapidKeys } from './channels/push.channel.js';
export { SUMMARY_JOB } from './summary-schedule.js';
export { nextDailyAt, nextWeeklyAt, localToInstant } from './local-schedule.js';
export { summaryNotice, summaryNumbers, type SummaryKind } from './summary-notice.js';
export { smsSenderFrom, vapidKeysFrom, type NotificationSettings } from './from-config.js';
