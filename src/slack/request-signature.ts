import { createHmac } from 'node:crypto';

/**
 * Slack's request signature (v0): HMAC-SHA256 of `v0:timestamp:body` with the signing secret. The app signs its own
 * warm-up request with it; the emulator's driver signs what it sends as Slack.
 */
export function requestSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
