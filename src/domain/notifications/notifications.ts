/**
 * Notifications (docs/notifications.md): preferences, Web Push subscriptions, and delivery. Every delivery runs in a
 * job, so no HTTP request waits on SMTP, a push service or an SMS provider: a new alert queues `notifications.alert`
 * (on the 'webhooks' lane, which runs several at once), and each person's daily summary and weekly report is a job
 * queued for the next local time (summary-schedule.ts). Each (person, kind, occasion, channel) is sent at most once.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { RetryJobLater, type Job, type JobQueue } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Alert, AlertService } from '../alerts/index.js';
import { isValidTimeZone } from '../observations/index.js';
import { overallHealthScore, type TwinEngine } from '../twin/index.js';
import { DestinationGuard, systemResolver, type ResolveHost } from '../webhooks/index.js';
import { alertsNotice } from './alert-notice.js';
import { EmailChannel } from './channels/email.channel.js';
import { NotificationOutbox } from './channels/outbox.js';
import { PushChannel, type VapidKeys } from './channels/push.channel.js';
import { SmsChannel, SmsProviderError, type SmsSender } from './channels/sms.channel.js';
import { localDateOf } from './local-schedule.js';
import type { DeliveryOutcome, Notice, Recipient } from './notice.js';
import { PreferencesStore } from './preferences-store.js';
import { alertTypeFor, channelsFor, type Channel, type NotificationPreferences, type PreferencesPatch } from './preferences.js';
import { PushSubscriptions } from './push-subscriptions.js';
import { SentLog } from './sent-log.js';
import { nextRunAt, SummarySchedule, SUMMARY_JOB, type SummaryJobPayload } from './summary-schedule.js';
import { summaryNotice } from './summary-notice.js';

export const ALERT_JOB = 'notifications.alert';
/** A channel that failed in a way worth retrying is tried again after this long (at most RETRY_LIMIT attempts). */
export const RETRY_DELAY_MS = 5 * 60_000;
const RETRY_LIMIT = 5;

/** `notifications.alert`: the new alerts of the job's person to tell them of (`alert_id`: one, as earlier versions queued it). */
interface AlertJobPayload {
  alert_ids?: string[];
  alert_id?: string;
}

const alertIdsOf = (payload: unknown): string[] => {
  const { alert_ids: many, alert_id: one } = (payload ?? {}) as AlertJobPayload;
  const ids = Array.isArray(many) ? many.filter((id): id is string => typeof id === 'string') : typeof one === 'string' ? [one] : [];
  return [...new Set(ids)];
};

/** One message on one channel, standing for these occasions (sent-log keys); built for the ones claimed now. */
interface ChannelSend {
  readonly channel: Channel;
  /** the sent-log kind before the channel: `alert`, `daily_summary`, `weekly_report` */
  readonly kind: string;
  readonly occasions: readonly string[];
  readonly notice: (claimed: ReadonlySet<string>) => Notice;
}

export interface NotificationsDeps {
  readonly db: Kysely<Tables>;
  readonly clock: Clock;
  readonly jobs: JobQueue;
  readonly mailer: Mailer;
  readonly alerts: AlertService;
  /** the twin engine (built beside this service, hence a getter): a fresh snapshot and its scorer for summaries */
  readonly twin: () => TwinEngine;
  /** the person's account email and profile phone; null when the account is gone */
  readonly contact: (personId: string) => Promise<{ email: string; phone: string | null } | null>;
  readonly vapid: VapidKeys | null;
  readonly sms: SmsSender | null;
  /** WEBHOOK_ALLOW_PRIVATE: push endpoints may be private/loopback and plain http (tests, closed networks) */
  readonly allowPrivate: boolean;
  readonly resolveHost?: ResolveHost;
  /** operator log: error, channel and kind only, never content or addresses */
  readonly log: { warn(details: object, message: string): void };
}

export class Notifications {
  readonly preferences: PreferencesStore;
  readonly pushSubscriptions: PushSubscriptions;
  readonly push: PushChannel;
  private readonly channels: Record<Channel, { deliver(to: Recipient, notice: Notice): Promise<DeliveryOutcome> }>;
  private readonly schedule: SummarySchedule;
  private readonly sent: SentLog;
  /** Alerts announced this turn, per person, not yet queued (alertCreated). */
  private readonly newAlerts = new Map<string, string[]>();

  constructor(private readonly deps: NotificationsDeps) {
    const { db, clock } = deps;
    this.preferences = new PreferencesStore(db, clock);
    this.pushSubscriptions = new PushSubscriptions(db, clock);
    const outbox = new NotificationOutbox(db, clock);
    // The webhooks' SSRF guard: push endpoints are URLs a user hands us, exactly like webhook URLs.
    const guard = new DestinationGuard(deps.resolveHost ?? systemResolver, deps.allowPrivate);
    this.push = new PushChannel(deps.vapid, this.pushSubscriptions, guard, outbox, deps.allowPrivate);
    this.channels = { email: new EmailChannel(deps.mailer), push: this.push, sms: new SmsChannel(deps.sms, outbox) };
    this.schedule = new SummarySchedule(db, deps.jobs, clock);
    this.sent = new SentLog(db, clock);
    deps.jobs.register(ALERT_JOB, 'webhooks', (job) => this.runAlertJob(job));
    deps.jobs.register(SUMMARY_JOB, 'default', (job) => this.runSummaryJob(job));
  }

  /** Saves a preferences patch and re-plans the person's summaries (new time, day, zone or switch). */
  async updatePreferences(personId: string, patch: PreferencesPatch): Promise<NotificationPreferences> {
    const prefs = await this.preferences.update(personId, patch);
    await this.schedule.plan(personId, prefs, await this.zoneOf(personId, prefs));
    return prefs;
  }

  /**
   * A new alert (not a merged repeat): deliver it off the request path. Alerts announced in the same turn (a batch the
   * screening relay raised) go in one job per person, which sends one message per channel. Never throws.
   */
  alertCreated = (personId: string, alert: Alert): void => {
    const waiting = this.newAlerts.get(personId);
    if (waiting) {
      waiting.push(alert.id);
      return;
    }
    this.newAlerts.set(personId, [alert.id]);
    if (this.newAlerts.size === 1) queueMicrotask(() => this.queueAlertJobs());
  };

  private queueAlertJobs(): void {
    const batches = [...this.newAlerts];
    this.newAlerts.clear();
    for (const [personId, alertIds] of batches)
      this.deps.jobs
        .enqueue(ALERT_JOB, { alert_ids: alertIds } satisfies AlertJobPayload, { personId })
        .catch((error: unknown) => this.deps.log.warn({ err: error }, 'queueing an alert notification failed'));
  }

  /**
   * The person's twin was recomputed (new data): make sure their summaries are planned, in the zone the data now
   * carries. This is how a person who never opened their preferences gets the spec's default summaries. Never throws.
   */
  dataRecomputed = async (personId: string, dataZone: string): Promise<void> => {
    try {
      const prefs = await this.preferences.get(personId);
      await this.schedule.plan(personId, prefs, this.pickZone(prefs, dataZone));
    } catch (error) {
      this.deps.log.warn({ err: error }, 'planning notifications failed');
    }
  };

  /** The zone summaries run in: the preference when set, else the latest the data carries, else UTC. */
  async zoneOf(personId: string, prefs: NotificationPreferences): Promise<string> {
    if (prefs.timezone) return prefs.timezone;
    const row = await this.deps.db
      .selectFrom('twin_snapshots')
      .select('features')
      .where('person_id', '=', personId)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    const zone = row ? (JSON.parse(row.features) as { time_zone?: unknown }).time_zone : null;
    return this.pickZone(prefs, typeof zone === 'string' ? zone : 'UTC');
  }

  private pickZone(prefs: NotificationPreferences, dataZone: string): string {
    if (prefs.timezone && isValidTimeZone(prefs.timezone)) return prefs.timezone;
    return isValidTimeZone(dataZone) ? dataZone : 'UTC';
  }

  private async runAlertJob(job: Job): Promise<void> {
    const personId = job.personId;
    const alertIds = alertIdsOf(job.payload);
    if (!personId || alertIds.length === 0) return;
    const found = await this.deps.alerts.getMany(personId, alertIds);
    if (found.length === 0) return; // erased meanwhile
    const byId = new Map(found.map((alert) => [alert.id, alert]));
    const alerts = alertIds.flatMap((id) => byId.get(id) ?? []);
    const prefs = await this.preferences.get(personId);
    // Each channel gets one message for the alerts whose type names it.
    const perChannel = new Map<Channel, Alert[]>();
    for (const alert of alerts)
      for (const channel of channelsFor(prefs, alertTypeFor(alert.severity)))
        perChannel.set(channel, [...(perChannel.get(channel) ?? []), alert]);
    if (perChannel.size === 0) return;
    const sends = [...perChannel].map(([channel, some]): ChannelSend => {
      const occasionOf = (alert: Alert) => `alert:${alert.id}`;
      return {
        channel,
        kind: 'alert',
        occasions: some.map(occasionOf),
        notice: (claimed) => alertsNotice(some.filter((alert) => claimed.has(occasionOf(alert)))),
      };
    });
    await this.send(job, personId, prefs, sends);
  }

  private async runSummaryJob(job: Job): Promise<void> {
    const personId = job.personId;
    const payload = job.payload as Partial<SummaryJobPayload> | null;
    if (!personId || !payload || (payload.kind !== 'daily_summary' && payload.kind !== 'weekly_report') || !payload.token) return;
    const kind = payload.kind;
    const planned = await this.schedule.current(personId, kind);
    if (!planned || planned.token !== payload.token) return; // re-planned since: a newer job owns this
    const prefs = await this.preferences.get(personId);
    const channels = channelsFor(prefs, kind);
    const date = localDateOf(Date.parse(planned.nextAt), planned.timeZone);
    try {
      if (channels.length > 0) {
        const twin = this.deps.twin();
        const features = await twin.snapshotNow(personId);
        const facts = {
          features,
          overallScore: overallHealthScore(twin.scorer(features)),
          activeAlerts: (await this.deps.alerts.list(personId, 'active', 1)).total,
        };
        await this.deliver(job, personId, prefs, kind, summaryNotice(kind, date, facts), `${kind}:${date}`);
      }
    } catch (error) {
      // A retry keeps this token (the same job runs again); any other failure must not end the chain.
      if (error instanceof RetryJobLater) throw error;
      this.deps.log.warn({ err: error, kind }, 'summary not built');
    }
    // The next run is counted from the one just done, not from now: a late run does not skip a day.
    const zone = await this.zoneOf(personId, prefs);
    const after = Math.max(Date.parse(planned.nextAt), this.deps.clock.now().getTime() - 60_000);
    await this.schedule.handOn(personId, kind, payload.token, nextRunAt(kind, prefs, zone, after), zone);
  }

  /**
   * Sends the notice on each channel once per occasion. A transient failure releases that channel's claim and retries
   * the job later (channels already done are skipped by their claims); after RETRY_LIMIT attempts it gives up.
   */
  private async deliver(
    job: Job,
    personId: string,
    prefs: NotificationPreferences,
    type: keyof NotificationPreferences['alert_types'],
    notice: Notice,
    occasion: string,
  ): Promise<void> {
    await this.send(
      job,
      personId,
      prefs,
      channelsFor(prefs, type).map((channel) => ({ channel, kind: notice.kind, occasions: [occasion], notice: () => notice })),
    );
  }

  /**
   * Sends each notice on its channel, unless every occasion it stands for was sent already (a notice then covers the
   * occasions claimed now). A transient failure releases that channel's claims and retries the job later.
   */
  private async send(job: Job, personId: string, prefs: NotificationPreferences, sends: readonly ChannelSend[]): Promise<void> {
    if (sends.length === 0) return;
    const contact = await this.deps.contact(personId);
    if (!contact) return;
    const to: Recipient = { personId, email: contact.email, phone: prefs.phone_number ?? contact.phone };
    let retry = false;
    for (const send of sends) {
      const kind = `${send.kind}.${send.channel}`;
      const claimed = await this.sent.claim(personId, kind, send.occasions);
      if (claimed.length === 0) continue;
      try {
        await this.channels[send.channel].deliver(to, send.notice(new Set(claimed)));
      } catch (error) {
        // Only a provider that refused the message for good (a 4xx) is not worth another go; push 404/410 never throws.
        const transient = !(error instanceof SmsProviderError && !error.transient);
        this.deps.log.warn({ err: error, channel: send.channel, kind: send.kind }, 'notification not delivered');
        if (transient && job.attempts < RETRY_LIMIT) {
          await this.sent.release(personId, kind, claimed);
          retry = true;
        }
      }
    }
    if (retry) throw new RetryJobLater(new Date(this.deps.clock.now().getTime() + RETRY_DELAY_MS), 'a notification channel failed');
  }
}
