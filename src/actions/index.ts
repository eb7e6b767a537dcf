import { auth } from './auth.ts';

// Every form of the app is an action here; each handler checks authorization itself.
export const server = { auth };
