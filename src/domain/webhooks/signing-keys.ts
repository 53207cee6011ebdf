import type { SealedSecrets } from './endpoint-store.js';
import { SecretBox } from './secrets.js';

/** Seals secrets for storage and opens the ones that should sign right now (the current, and a rotated-out one in grace). */
export class SigningKeys {
  private readonly box: SecretBox;

  constructor(encryptionKey: Buffer) {
    this.box = new SecretBox(encryptionKey);
  }

  seal(key: Buffer, endpointId: string): string {
    return this.box.seal(key, endpointId);
  }

  /** Current key first; the previous one too while its grace period lasts. */
  open(sealed: SealedSecrets, endpointId: string, at: Date): Buffer[] {
    const keys = [this.box.open(sealed.secret, endpointId)];
    if (sealed.previousSecret && sealed.previousSecretExpiresAt && sealed.previousSecretExpiresAt > at.toISOString()) {
      keys.push(this.box.open(sealed.previousSecret, endpointId));
    }
    return keys;
  }
}
