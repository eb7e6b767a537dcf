// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';

// Everything that differs per deployment is a secret read at run time, never baked in at build.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Cross-site submissions are refused by our middleware (src/server/cross-site-check.ts),
  // which, unlike Astro's own check, lets API clients that send a bearer token post without an Origin.
  security: { checkOrigin: false },
  server: { host: '127.0.0.1', port: 4321 },
  // Styles and scripts as files of our own origin, so the Content-Security-Policy can stay 'self'.
  build: { inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  env: {
    validateSecrets: true,
    schema: {
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', default: 'file:data/vitrine.db' }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      MEDIA_DIR: envField.string({ context: 'server', access: 'secret', default: 'data/media' }),
      UPLOAD_MAX_BYTES: envField.number({ context: 'server', access: 'secret', default: 100 * 1024 * 1024, int: true, gt: 0 }),
      MEDIA_MAX_BYTES: envField.number({ context: 'server', access: 'secret', optional: true, int: true, gt: 0 }),
      MEILISEARCH_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      MEILISEARCH_API_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      SMTP_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      MAIL_FROM: envField.string({ context: 'server', access: 'secret', optional: true }),
      PUBLIC_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      METRICS_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      KEEP_REVISIONS: envField.number({ context: 'server', access: 'secret', default: 10, int: true, gt: 0 }),
      LOG_LEVEL: envField.enum({ context: 'server', access: 'secret', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      TRUSTED_PROXIES: envField.string({ context: 'server', access: 'secret', optional: true }),
      HSTS_INCLUDE_SUBDOMAINS: envField.boolean({ context: 'server', access: 'secret', default: false }),
      HEALTHZ_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      // Off in production: webhooks are never sent to loopback, private or link-local addresses (the demo and tests turn it on).
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: envField.boolean({ context: 'server', access: 'secret', default: false }),
      // The first retry of a failed webhook delivery; later ones double from it (up to 6 h apart, for 24 h).
      WEBHOOK_RETRY_BASE_MS: envField.number({ context: 'server', access: 'secret', default: 60_000, int: true, gt: 0 }),
    },
  },
});
