import { DEMO_USERS } from '#seed/demo-accounts.ts';
import { openWorld, type World } from '#tests/support/world.ts';

export type DemoEmail = (typeof DEMO_USERS)[number]['email'];
export type DemoWorld = World;

/** A real migrated libSQL file with the demo organizations and people (password `vitrine-demo`). */
export const openDemoWorld = (): Promise<DemoWorld> => openWorld('accounts');

export const meta = (at: Date, ip = '192.0.2.10') => ({ ip, at, origin: 'http://vitrine.test' });
