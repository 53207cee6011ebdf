import type { VapidKeys } from './channels/push.channel.js';
import { HttpSmsSender, type SmsSender } from './channels/sms.channel.js';

/** The settings notifications read (a subset of the app's Config; load-config checks the VAPID keys come as a set). */
export interface NotificationSettings {
  readonly VAPID_PUBLIC_KEY?: string | undefined;
  readonly VAPID_PRIVATE_KEY?: string | undefined;
  readonly VAPID_SUBJECT?: string | undefined;
  readonly SMS_PROVIDER_URL?: string | undefined;
  readonly SMS_PROVIDER_TOKEN?: string | undefined;
}

export function vapidKeysFrom(settings: NotificationSettings): VapidKeys | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = settings;
  return publicKey && privateKey && subject ? { publicKey, privateKey, subject } : null;
}

export function smsSenderFrom(settings: NotificationSettings): SmsSender | null {
  return settings.SMS_PROVIDER_URL ? new HttpSmsSender(settings.SMS_PROVIDER_URL, settings.SMS_PROVIDER_TOKEN) : null;
}
