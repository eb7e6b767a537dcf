import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '..', 'content', 'demo-catalogs');

/** The demo suppliers' price lists, loaded through the same pipeline as any upload. */
export const DEMO_CATALOGS = [
  { supplier: 'acme-fasteners', name: 'Fasteners 2027', currency: 'EUR', file: join(DIR, 'acme-fasteners-2027.csv') },
  { supplier: 'bright-lighting', name: 'Indoor Lighting 2027', currency: 'EUR', file: join(DIR, 'bright-lighting-indoor-2027.csv') },
  { supplier: 'bright-lighting', name: 'Outdoor Lighting and Controls 2027', currency: 'EUR', file: join(DIR, 'bright-lighting-outdoor-2027.tsv') },
] as const;

export const DEMO_IMAGE_DIR = join(DIR, 'images');
