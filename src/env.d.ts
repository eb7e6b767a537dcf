/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./features/auth/session-user.ts').SessionUser | null;
    session: import('./features/auth/sessions.server.ts').Session | null;
    /** Set for API requests authenticated by a bearer token. */
    apiTokenId: string | null;
  }
}
