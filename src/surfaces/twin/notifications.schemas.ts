import { Type } from 'typebox';
import { CHANNELS, E164, HH_MM, WEEKDAYS } from '../../domain/notifications/index.js';

const CLOSED = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ChannelList = Type.Array(Type.Enum([...CHANNELS]), { uniqueItems: true, maxItems: CHANNELS.length });
const Time = Type.String({ pattern: HH_MM, description: 'local clock time, HH:MM (24 h)' });
const Day = Type.Enum([...WEEKDAYS]);
const TimeZone = Nullable(
  Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone (e.g. Europe/Berlin); null = the zone your data carries' }),
);
const PhoneNumber = Nullable(Type.String({ pattern: E164, description: 'E.164 number for SMS; null = the phone in your profile' }));

const alertType = Type.Object({ enabled: Type.Boolean(), channels: ChannelList });

/** Spec §5.3's document, plus `timezone` and `phone_number` (extensions). */
export const PreferencesView = Type.Object({
  user_id: Type.String(),
  channels: Type.Object({ push_notifications: Type.Boolean(), email: Type.Boolean(), sms: Type.Boolean() }),
  alert_types: Type.Object({
    critical_health: alertType,
    high_risk: alertType,
    moderate_risk: alertType,
    daily_summary: Type.Object({ enabled: Type.Boolean(), channels: ChannelList, time: Time }),
    weekly_report: Type.Object({ enabled: Type.Boolean(), channels: ChannelList, day: Day }),
  }),
  timezone: TimeZone,
  phone_number: PhoneNumber,
});

/** Any part of the document; what is left out keeps its value. `closed`: unknown fields are errors, not dropped. */
const patchOf = (closed: boolean) => {
  const o = { additionalProperties: !closed } as const;
  const alertTypePatch = Type.Object({ enabled: Type.Optional(Type.Boolean()), channels: Type.Optional(ChannelList) }, o);
  return Type.Object(
    {
      channels: Type.Optional(
        Type.Object(
          { push_notifications: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()) },
          o,
        ),
      ),
      alert_types: Type.Optional(
        Type.Object(
          {
            critical_health: Type.Optional(alertTypePatch),
            high_risk: Type.Optional(alertTypePatch),
            moderate_risk: Type.Optional(alertTypePatch),
            daily_summary: Type.Optional(
              Type.Object({ enabled: Type.Optional(Type.Boolean()), channels: Type.Optional(ChannelList), time: Type.Optional(Time) }, o),
            ),
            weekly_report: Type.Optional(
              Type.Object({ enabled: Type.Optional(Type.Boolean()), channels: Type.Optional(ChannelList), day: Type.Optional(Day) }, o),
            ),
          },
          o,
        ),
      ),
      timezone: Type.Optional(TimeZone),
      phone_number: Type.Optional(PhoneNumber),
    },
    o,
  );
};
/** What the route declares (documentation, types); unknown fields pass it and are refused by PreferencesPatchExact. */
export const PreferencesPatchBody = patchOf(false);
/** A misspelt switch must not be silently ignored: the handler checks the body against this closed schema. */
export const PreferencesPatchExact = patchOf(true);

const Base64Url = (description: string) => Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+={0,2}$', description });

/** A browser's `PushSubscription.toJSON()` (W3C Push API). */
export const PushSubscriptionBody = Type.Object(
  {
    endpoint: Type.String({ minLength: 1, maxLength: 2048, description: 'the push service URL the browser gave' }),
    expirationTime: Type.Optional(Nullable(Type.Number())),
    keys: Type.Object(
      { p256dh: Base64Url('P-256 public key of the browser, base64url (65 bytes)'), auth: Base64Url('auth secret, base64url (16 bytes)') },
      CLOSED,
    ),
  },
  CLOSED,
);

export const PushSubscriptionRemoveBody = Type.Object({ endpoint: Type.String({ minLength: 1, maxLength: 2048 }) }, CLOSED);

export const PushSubscriptionView = Type.Object({
  subscription_id: Type.String(),
  endpoint: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});

export const VapidPublicKeyView = Type.Object({
  public_key: Type.String({ description: 'VAPID public key (base64url) for PushManager.subscribe({ applicationServerKey })' }),
});
