import { Type } from '@sinclair/typebox';

/**
 * The secret card numbers are tokenized with. payments-api and the seed must share it, or
 * seeded cards would be unknown to the API. The default is for the local demo only.
 */
export const PanTokenKey = Type.String({
  minLength: 16,
  default: 'local-demo-pan-token-key-not-secret',
  description: 'HMAC key that turns card numbers into tokens (shared by payments-api and the seed)',
});
