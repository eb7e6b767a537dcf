import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Help pages and the supplier directory are written by the operator as Markdown, built into static pages.
const help = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/help' }),
  schema: z.object({ title: z.string(), summary: z.string(), audience: z.enum(['buyers', 'suppliers', 'sales', 'everyone']), order: z.number() }),
});

const suppliers = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/suppliers' }),
  schema: z.object({ name: z.string(), tagline: z.string(), website: z.url().optional(), ranges: z.array(z.string()) }),
});

export const collections = { help, suppliers };
