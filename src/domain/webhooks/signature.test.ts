import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { formatSecret, generateSigningKey, SecretBox, signingKeyFromSecret } from './secrets.js';
import { signedHeaders } from './signature.js';

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ event: 'risk_alert', data: { alert_id: 'alert_1' } });

  it('verify with the standardwebhooks library, for a generated and for a chosen secret', () => {
    const generated = generateSigningKey();
    const chosen = signingKeyFromSecret('your_webhook_secret');
    if (!Buffer.isBuffer(chosen)) throw new Error('expected a key');
    for (const key of [generated, chosen]) {
      const headers = signedHeaders([key], 'msg_1', new Date(), body);
      expect(new Webhook(formatSecret(key)).verify(body, headers)).toEqual(JSON.parse(body));
    }
  });

  it('carry one signature per key while a secret is rotated, each accepted on its own', () => {
    const [oldKey, newKey] = [generateSigningKey(), generateSigningKey()];
    const headers = signedHeaders([newKey, oldKey], 'msg_2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const key of [oldKey, newKey]) expect(() => new Webhook(formatSecret(key)).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(formatSecret(generateSigningKey())).verify(body, headers)).toThrow();
    expect(() => new Webhook(formatSecret(newKey)).verify(body + ' ', headers)).toThrow();
  });

  it('read whsec_ secrets and refuse short or malformed ones', () => {
    const key = generateSigningKey();
    expect(signingKeyFromSecret(formatSecret(key))).toEqual(key);
    expect(signingKeyFromSecret('whsec_c2hvcnQ=')).toHaveProperty('problem');
    expect(signingKeyFromSecret('whsec_not base64!')).toHaveProperty('problem');
  });

  it('seal secrets so only the same key and endpoint can open them', () => {
    const box = new SecretBox(generateSigningKey());
    const key = generateSigningKey();
    const sealed = box.seal(key, 'wh_a');
    expect(sealed).not.toContain(key.toString('base64'));
    expect(box.open(sealed, 'wh_a')).toEqual(key);
    expect(() => box.open(sealed, 'wh_b')).toThrow();
    expect(() => new SecretBox(generateSigningKey()).open(sealed, 'wh_a')).toThrow();
  });
});
