import type { WebhookEndpoint } from './webhook-types.js';
import type { WebhooksDeps } from './webhooks.js';

/**
 * Records that an endpoint was disabled for failing (audit trail) and tells its owner by mail. The mail names the host
 * only: a URL's path or query may hold the receiver's own tokens.
 */
export async function disabledNotice(
  deps: Pick<WebhooksDeps, 'audit' | 'mailer' | 'ownerEmail' | 'log'>,
  endpoint: WebhookEndpoint,
  reason: string,
): Promise<void> {
  await deps.audit.record({
    action: 'webhook.disabled',
    outcome: 'failure',
    actorId: null,
    subjectUserId: endpoint.personId,
    resourceType: 'webhook',
    resourceId: endpoint.id,
    details: { consecutive_failures: endpoint.consecutiveFailures },
  });
  try {
    const to = await deps.ownerEmail(endpoint.personId);
    if (!to) return;
    const host = new URL(endpoint.url).host;
    await deps.mailer.send({
      to,
      subject: 'Homeostat: a webhook of yours was disabled',
      text: [
        `Your webhook ${endpoint.id} (to ${host}) has been disabled because deliveries to it kept failing:`,
        reason,
        '',
        'No further events are sent to it. When the receiver works again, enable it with',
        `PATCH /v1/webhooks/${endpoint.id} {"status":"active"}, and re-send what it missed with`,
        `POST /v1/webhooks/${endpoint.id}/deliveries/replay.`,
      ].join('\n'),
    });
  } catch (error) {
    // The notice is recorded either way; a mail outage must not fail the delivery job.
    deps.log?.warn({ webhook_id: endpoint.id, err: error }, 'webhook disabled notice could not be mailed');
  }
}
