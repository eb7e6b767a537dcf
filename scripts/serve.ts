import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** Starts the built standalone server on HOST:PORT (127.0.0.1:4321 unless set). */
export async function serve(): Promise<void> {
  process.env.HOST ||= '127.0.0.1';
  process.env.PORT ||= '4321';
  await import(pathToFileURL(resolve('dist/server/entry.mjs')).href);
  console.log(`Vitrine is running at http://${process.env.HOST}:${process.env.PORT}`);
}
