import type { Alert } from '../alerts/index.js';
import type { Notice } from './notice.js';

const SEVERITY_WORDS: Record<Alert['severity'], string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/**
 * An alert, as little as it takes to act on it: the title and severity, and where to read the rest. The message,
 * trigger values and recommended actions stay behind the login (GET /v1/alerts).
 */
export function alertNotice(alert: Alert): Notice {
  const severity = SEVERITY_WORDS[alert.severity];
  return {
    kind: 'alert',
    subject: `Homeostat: ${severity.toLowerCase()} alert`,
    emailText: [
      `${severity} alert: ${alert.title}`,
      '',
      'Sign in to Homeostat to see the details and what to do (Alerts).',
      alert.severity === 'critical' ? 'If you feel unwell, contact your doctor or emergency services now.' : '',
      '',
      'You receive this because alert notifications are on in your notification preferences.',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
    push: {
      title: `${severity} alert`,
      body: alert.title,
      tag: alert.kind,
      urgency: alert.severity === 'critical' || alert.severity === 'high' ? 'high' : 'normal',
    },
    sms: `Homeostat ${severity.toLowerCase()} alert: ${alert.title}. Sign in to see details.`,
  };
}
