import type { Alert } from '../alerts/index.js';
import type { Notice } from './notice.js';

const SEVERITY_WORDS: Record<Alert['severity'], string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
const SEVERITY_RANK: Record<Alert['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3 };
/** A digest names at most this many alerts; the rest are counted. */
const DIGEST_LINES = 10;

const FOOTER = 'You receive this because alert notifications are on in your notification preferences.';
const CRITICAL_ADVICE = 'If you feel unwell, contact your doctor or emergency services now.';

/**
 * An alert, as little as it takes to act on it: the title and severity, and where to read the rest. The message,
 * trigger values and recommended actions stay behind the login (GET /v1/alerts).
 */
export function alertNotice(alert: Alert): Notice {
  const severity = SEVERITY_WORDS[alert.severity];
  return {
    kind: 'alert',
    subject: `Homeostat: ${severity.toLowerCase()} alert`,
    emailText: lines([
      `${severity} alert: ${alert.title}`,
      '',
      'Sign in to Homeostat to see the details and what to do (Alerts).',
      alert.severity === 'critical' ? CRITICAL_ADVICE : '',
      '',
      FOOTER,
    ]),
    push: {
      title: `${severity} alert`,
      body: alert.title,
      tag: alert.kind,
      urgency: urgencyOf(alert.severity),
    },
    sms: `Homeostat ${severity.toLowerCase()} alert: ${alert.title}. Sign in to see details.`,
  };
}

/**
 * Alerts raised together for one person (a burst of critical screenings by one clinician): one message per channel
 * rather than one each, most severe first, worded like `alertNotice` (titles and severities only). One alert is
 * exactly `alertNotice`.
 */
export function alertsNotice(alerts: readonly Alert[]): Notice {
  if (alerts.length === 1) return alertNotice(alerts[0]!);
  const sorted = [...alerts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const worst = sorted[0]!.severity;
  const count = `${alerts.length} new alerts`;
  const named = sorted.slice(0, DIGEST_LINES).map((a) => `${SEVERITY_WORDS[a.severity]} alert: ${a.title}`);
  const more = alerts.length > DIGEST_LINES ? [`and ${alerts.length - DIGEST_LINES} more`] : [];
  return {
    kind: 'alert',
    subject: `Homeostat: ${count}, the most severe ${worst}`,
    emailText: lines([
      ...named,
      ...more,
      '',
      'Sign in to Homeostat to see the details and what to do (Alerts).',
      worst === 'critical' ? CRITICAL_ADVICE : '',
      '',
      FOOTER,
    ]),
    push: {
      title: `${count} (${worst})`,
      body: [...new Set(sorted.map((a) => a.title))].slice(0, DIGEST_LINES).join('; '),
      tag: 'alerts',
      urgency: urgencyOf(worst),
    },
    sms: `Homeostat: ${count}, the most severe ${worst}. Sign in to see details.`,
  };
}

const urgencyOf = (severity: Alert['severity']): Notice['push']['urgency'] =>
  severity === 'critical' || severity === 'high' ? 'high' : 'normal';

/** Joined lines without two blank lines in a row (an empty optional line collapses). */
const lines = (all: string[]): string => all.filter((line, i) => line !== '' || all[i - 1] !== '').join('\n');
