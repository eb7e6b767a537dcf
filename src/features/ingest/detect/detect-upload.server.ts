import { listZipFiles, type ZipOptions } from '../readers/zip-source.server.ts';
import { judgeUpload, type DetectedUpload } from './judge-upload.ts';
import { sniffFileKind } from './sniff-file-kind.ts';
import { readFileHead } from './read-file-head.server.ts';

/**
 * What this file is: the one entry point for format detection. Reads the file's first bytes
 * and, for a ZIP, lists its entries (with the usual limits, refusing a damaged one), then judges
 * them (judge-upload.ts).
 */
export async function detectUpload(path: string, options: ZipOptions = {}): Promise<DetectedUpload> {
  const head = await readFileHead(path);
  const entries = sniffFileKind(head) === 'zip' ? await listZipFiles(path, options) : [];
  return judgeUpload(head, entries);
}
