import { createHmac } from 'node:crypto';

/**
 * The `Vitrine-Signature` header of a delivery, as Stripe and GitHub sign theirs:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>`. The time is
 * inside what is signed, so a receiver can refuse an old delivery replayed later.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
