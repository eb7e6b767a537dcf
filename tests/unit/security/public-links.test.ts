import { afterEach, describe, expect, test } from 'vitest';
import { configureDeployment, linkOrigin } from '#features/security/deployment-settings.ts';
import { publicUrl } from '#features/mail/public-url.ts';

// Links in pages (linkOrigin) and in mails written in the background (publicUrl) are built on one origin.
describe('the origin of links', () => {
  const saved = { PUBLIC_URL: process.env.PUBLIC_URL, HOST: process.env.HOST, PORT: process.env.PORT };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    configureDeployment({});
  });

  test('PUBLIC_URL, in a process the middleware configured and in one it never ran in', () => {
    configureDeployment({ PUBLIC_URL: 'https://vitrine.example.com' });
    expect([linkOrigin(), publicUrl('/invite/abc')]).toEqual(['https://vitrine.example.com', 'https://vitrine.example.com/invite/abc']);
    configureDeployment({});
    process.env.PUBLIC_URL = 'https://shop.example.org/';
    expect([linkOrigin(), publicUrl('/supplier/revisions/7')]).toEqual(['https://shop.example.org', 'https://shop.example.org/supplier/revisions/7']);
  });

  test('without PUBLIC_URL, the address the server listens on, an IPv6 host in brackets', () => {
    delete process.env.PUBLIC_URL;
    process.env.HOST = '::1';
    process.env.PORT = '8080';
    expect([linkOrigin(), publicUrl('/lists')]).toEqual(['http://[::1]:8080', 'http://[::1]:8080/lists']);
  });
});
