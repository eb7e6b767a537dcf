/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('#features/auth/session-user.ts').SessionUser | null;
    session: import('#features/auth/sessions.server.ts').Session | null;
    /** Set for API requests authenticated by a bearer token. */
    apiTokenId: string | null;
    /** Set by a page the fast lane may serve again (page-cache/page-templates.ts). */
    pageTemplateKey: string | null;
    /** Set for a procurement system's punchout session (its own cookie); `user` is then its buyer. */
    punchout: import('#features/auth/punchout-visit.ts').PunchoutVisit | null;
    /** After a form came back with an error: its fields as typed, by name (post-redirect-get.ts). */
    keptForm: Record<string, string[]>;
    /** The page shows a form's outcome, so it is this visitor's own and never a template. */
    formOutcomeShown: boolean;
  }
}
