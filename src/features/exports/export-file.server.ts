import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * A download (a whole catalog, a requisition list, an annotated workbook) written to a temporary
 * file by the process that does heavy work (#kernel/off-loop.ts), then streamed by the one serving
 * the request: reading, pricing and encoding 100,000 rows or rewriting a workbook never runs on a
 * serving event loop, which only moves the file's bytes. Only the file's name crosses processes.
 */
export interface ExportFile { path: string; bytes: number; contentType: string; fileName: string }

/** The body, streamed or already whole (exceljs gives a workbook as one buffer), in a file of its own. */
export async function writeExportFile(body: ReadableStream<Uint8Array> | Uint8Array, contentType: string, fileName: string): Promise<ExportFile> {
  const dir = await mkdtemp(join(tmpdir(), 'vitrine-export-'));
  const path = join(dir, 'download');
  try {
    if (body instanceof Uint8Array) await writeFile(path, body);
    else await pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), createWriteStream(path));
    return { path, bytes: (await stat(path)).size, contentType, fileName };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The file as a personal download; it is removed once sent or abandoned. */
export function exportFileResponse(file: ExportFile): Response {
  const stream = createReadStream(file.path);
  stream.once('close', () => void rm(dirname(file.path), { recursive: true, force: true }));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.bytes),
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
