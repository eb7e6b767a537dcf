import type { BlockList } from 'node:net';
import { parseTrustedProxies } from './trusted-proxies.ts';

/** Settings of the deployment the request handling needs (read from astro:env once, by the middleware). */
export interface DeploymentSettings {
  /** PUBLIC_URL: where people reach Vitrine; links in invitations and resets are built on it. */
  publicUrl: URL | null;
  /** TRUSTED_PROXIES, parsed. */
  trustedProxies: BlockList | null;
  /** HSTS_INCLUDE_SUBDOMAINS: every subdomain of the host is HTTPS-only too. */
  hstsIncludeSubDomains: boolean;
  /** HEALTHZ_TOKEN: a monitor sending it as a bearer token gets /healthz in detail. */
  healthzToken: string | null;
}

let settings: DeploymentSettings = { publicUrl: null, trustedProxies: null, hstsIncludeSubDomains: false, healthzToken: null };

export function configureDeployment(env: { PUBLIC_URL?: string; TRUSTED_PROXIES?: string; HSTS_INCLUDE_SUBDOMAINS?: boolean; HEALTHZ_TOKEN?: string }): void {
  settings = {
    publicUrl: env.PUBLIC_URL ? new URL(env.PUBLIC_URL) : null,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    hstsIncludeSubDomains: env.HSTS_INCLUDE_SUBDOMAINS ?? false,
    healthzToken: env.HEALTHZ_TOKEN || null,
  };
}

export function deploymentSettings(): DeploymentSettings {
  return settings;
}

/** PUBLIC_URL as the middleware read it, or from the environment in a process it never ran in (the one doing background work). */
function publicUrlSetting(): URL | null {
  if (settings.publicUrl) return settings.publicUrl;
  const value = process.env.PUBLIC_URL;
  return value ? new URL(value) : null;
}

/**
 * The origin links are built on, in pages and in mails alike: PUBLIC_URL, or else the address
 * this server listens on (HOST and PORT), never the request's Host header, which the requester writes.
 */
export function linkOrigin(): string {
  const publicUrl = publicUrlSetting();
  if (publicUrl) return publicUrl.origin;
  const host = process.env.HOST || '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT || '4321'}`;
}

/** Whether people reach Vitrine over HTTPS: the request came in encrypted, or PUBLIC_URL says so (a proxy ends TLS). */
export function servedOverHttps(url: URL): boolean {
  return url.protocol === 'https:' || settings.publicUrl?.protocol === 'https:';
}
