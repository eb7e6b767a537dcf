// Every URL the app links to is built here, so a route can move in one place.
export const paths = {
  home: () => '/',
  help: (slug?: string) => (slug ? `/help/${slug}` : '/help'),
  suppliers: () => '/suppliers',
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  logout: () => '/logout',
  catalogs: () => '/catalogs',
  supplierHome: () => '/supplier',
  salesHome: () => '/sales',
  adminHome: () => '/admin',
  health: () => '/healthz',
};
