import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Endpoint secrets start with this, so a leaked one is recognisable as ours. */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 160 random bits. It signs deliveries, so it is kept as it is, not hashed. */
export function generateEndpointSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return SECRET_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}
