import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { uploadFilePath } from '../uploads/upload-paths.ts';
import { listZipFiles } from '../readers/zip-source.server.ts';
import { mayAnnotate } from './may-annotate.ts';

/**
 * Whether the revision page offers the annotated workbook: mayAnnotate, the kept file still
 * there, and for a ZIP upload a workbook inside it (a ZIP may as well hold a CSV).
 */
export async function annotationAvailable(uploadsDir: string, revision: Parameters<typeof mayAnnotate>[0]): Promise<boolean> {
  if (!mayAnnotate(revision)) return false;
  const path = uploadFilePath(uploadsDir, revision.uploadPath!);
  if (!existsSync(path)) return false;
  if (!/(^|-)zip$/.test(revision.format)) return true;
  try {
    return (await listZipFiles(path)).some((name) => extname(name).toLowerCase() === '.xlsx');
  } catch {
    return false;
  }
}
