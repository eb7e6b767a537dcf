import { auth } from './auth.ts';
import { accounts } from './accounts.ts';
import { invitations } from './invitations.ts';
import { ownAccount } from './own-account.ts';
import { apiTokens } from './api-tokens.ts';
import { views } from './views.ts';
import { lists } from './lists.ts';
import { revisions } from './revisions.ts';
import { setup } from './setup.ts';
import { settings } from './settings.ts';
import { webhooks } from './webhooks.ts';

// Every form of the app is an action here; each handler checks authorization itself.
export const server = { auth, accounts, invitations, ownAccount, apiTokens, views, lists, revisions, setup, settings, webhooks };
