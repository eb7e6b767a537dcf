export * from './organizations.ts';
export * from './users.ts';
export * from './catalogs.ts';
export * from './media.ts';
export * from './views.ts';
export * from './audit.ts';
export * from './lists.ts';
export * from './search-outbox.ts';
